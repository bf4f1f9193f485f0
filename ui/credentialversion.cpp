#include "ui/credentialversion.h"

#include "ui/logging.h"

#include <QPointer>

namespace paycred::ui {

namespace {
// What a user can see of a credential; the tag aside, which a list answer never has.
bool sameAsShown(const client::Credential& a, const client::Credential& b) {
    return a.id == b.id && a.environment == b.environment && a.isActive == b.isActive &&
           a.updatedAt == b.updatedAt;
}
} // namespace

CredentialVersion::CredentialVersion(client::CredentialsClient& client,
                                     const client::Credential& shown, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_current(shown) {}

void CredentialVersion::load() {
    m_loading = true;
    m_client.credential(m_current.id,
                        [self = QPointer(this)](client::Result<client::Credential> result) {
                            if (!self)
                                return;
                            self->m_loading = false;
                            if (!result.ok()) {
                                qCInfo(lcUi) << "reading credential" << self->m_current.id
                                             << "failed:" << result.error.kind;
                                emit self->failed(result.error);
                                return;
                            }
                            const bool changed = !sameAsShown(*result.value, self->m_current);
                            self->m_current = *result.value;
                            emit self->loaded(self->m_current, changed);
                        });
}

} // namespace paycred::ui
