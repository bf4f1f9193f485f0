#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace paycred::ui {

// PasswordField: a masked line edit for a password or a private key, with a button that shows
// and hides what was typed. The edit carries `editName` as its objectName, the button
// `editName + "Toggle"`; take() hands the text over and clears the edit.
class PasswordField : public QWidget {
    Q_OBJECT
public:
    PasswordField(const QString& editName, const QString& accessibleName,
                  QWidget* parent = nullptr);

    QLineEdit* edit() const { return m_edit; }
    QToolButton* toggle() const { return m_toggle; }
    bool isRevealed() const;
    void setRevealed(bool revealed);
    // The text, and the edit emptied (its buffer is not kept by the widget any more).
    QString take();
    QString text() const;
    void clear();

signals:
    void textChanged(const QString& text);

private:
    QLineEdit* m_edit;
    QToolButton* m_toggle;
};

} // namespace paycred::ui
