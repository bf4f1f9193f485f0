#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QRadioButton;

namespace paycred::ui {

class FieldError;
class PasswordField;

// PasswordChoice: how a superuser gives someone a password — typed (twice, with the live strength
// rating) or generated here (PasswordGenerator) and shown once after it is saved. take() hands the
// password over and empties the fields.
class PasswordChoice : public QWidget {
    Q_OBJECT
public:
    explicit PasswordChoice(QWidget* parent = nullptr);
    ~PasswordChoice() override;

    bool isGenerated() const;
    void setGenerated(bool generated);
    // What is wrong with what was typed (shown under the field), empty when it can be sent.
    QString problem() const;
    // The typed password, or a new generated one; the fields are emptied.
    QString take();
    // The server's word on the password (empty: none).
    void setError(const QString& message);
    void clear();

signals:
    void changed();

private:
    void update();

    QRadioButton* m_typed;
    QRadioButton* m_generated;
    PasswordField* m_password;
    PasswordField* m_confirm;
    QLabel* m_strength;
    FieldError* m_error;
};

} // namespace paycred::ui
