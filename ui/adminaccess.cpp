#include "ui/adminaccess.h"

#include "core/client/adminclient.h"
#include "core/client/credentialsclient.h"
#include "ui/logging.h"

#include <QPointer>

namespace paycred::ui {

AdminAccess::AdminAccess(client::CredentialsClient& credentials, client::AdminClient& admin,
                         QObject* parent)
    : QObject(parent)
    , m_credentials(credentials)
    , m_admin(admin) {
    connect(&credentials.session(), &client::Session::capabilitiesChanged, this, [this] {
        if (!m_credentials.session().capabilities().admin)
            setGranted(false);
    });
}

void AdminAccess::check() {
    const quint64 check = ++m_check;
    const client::Session& session = m_credentials.session();
    if (!session.capabilities().admin)
        return setGranted(false);
    const std::optional<bool> superuser = session.identity().isSuperuser;
    if (superuser.has_value()) {
        if (!*superuser)
            return setGranted(false);
        return probe(check);
    }
    // The login answer did not say (a remembered server session, an older server): ask.
    QPointer<AdminAccess> self(this);
    m_credentials.me([self, check](client::Result<client::CredentialsClient::Account> result) {
        if (!self || check != self->m_check)
            return;
        if (!result.ok() || !result.value->isSuperuser)
            return self->setGranted(false);
        self->probe(check);
    });
}

void AdminAccess::probe(quint64 check) {
    QPointer<AdminAccess> self(this);
    m_admin.stats([self, check](client::Result<client::AdminClient::Stats> result) {
        if (!self || check != self->m_check)
            return;
        if (!result.ok())
            qCInfo(lcUi) << "administration unavailable:" << result.error.kind;
        self->setGranted(result.ok());
    });
}

void AdminAccess::refused(const client::ApiError& error) {
    using Kind = client::ApiError::Kind;
    if (error.kind != Kind::Forbidden && error.kind != Kind::NotFound)
        return;
    if (error.kind == Kind::NotFound && m_admin.session().capabilities().admin)
        return; // a row that is gone (deleted meanwhile), not the whole of §3
    ++m_check;
    setGranted(false);
}

void AdminAccess::setGranted(bool granted) {
    if (granted == m_granted)
        return;
    m_granted = granted;
    emit grantedChanged(granted);
}

} // namespace paycred::ui
