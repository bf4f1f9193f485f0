#include "ui/changednotice.h"

#include "ui/fielderror.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QPushButton>

namespace paycred::ui {

ChangedNotice::ChangedNotice(const QString& message, QWidget* parent)
    : QWidget(parent)
    , m_message(new FieldError(QStringLiteral("changedMessage"), this))
    , m_reload(new QPushButton(tr("Re&load"), this)) {
    setObjectName(QStringLiteral("changedNotice"));
    m_message->setMessage(message);
    m_reload->setObjectName(QStringLiteral("reloadButton"));
    m_reload->setAccessibleName(tr("Reload the credential"));
    m_reload->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    connect(m_reload, &QPushButton::clicked, this, &ChangedNotice::reloadClicked);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_reload, 0, Qt::AlignTop);
    setVisible(false);
}

void ChangedNotice::showNotice() {
    setVisible(true);
    m_reload->setEnabled(true);
    m_reload->setFocus();
}

void ChangedNotice::hideNotice() {
    setVisible(false);
}

} // namespace paycred::ui
