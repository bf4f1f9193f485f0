#include "ui/confirmationbox.h"

#include <QPushButton>

namespace paycred::ui {

ConfirmationBox::ConfirmationBox(const Question& question, QWidget* parent)
    : QMessageBox(QMessageBox::Warning, question.title, question.text, QMessageBox::NoButton,
                  parent) {
    setObjectName(question.objectName);
    setAttribute(Qt::WA_DeleteOnClose);
    setInformativeText(question.consequence);
    m_action = addButton(question.actionText, QMessageBox::DestructiveRole);
    m_action->setObjectName(question.buttonName);
    QPushButton* cancel = addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    setDefaultButton(cancel);
    setEscapeButton(cancel);
    connect(this, &QMessageBox::finished, this, [this] {
        if (clickedButton() == m_action)
            emit confirmed();
    });
}

ConfirmationBox* ConfirmationBox::ask(const Question& question, QWidget* parent,
                                      std::function<void()> confirmed) {
    auto* box = new ConfirmationBox(question, parent);
    connect(box, &ConfirmationBox::confirmed, parent, std::move(confirmed));
    box->open();
    return box;
}

} // namespace paycred::ui
