#pragma once

#include "core/service/providerlink.h"

#include <QElapsedTimer>
#include <QUrl>

namespace paycred::service {

struct ProviderCheckSettings;

// HttpsProviderLink: a provider's base URL over HTTPS with the system's certificate checks,
// through QNetworkAccessManager on the calling thread (which waits in a local event loop: a
// pool thread of its own, never a request worker or the GUI). Redirects are answered, not
// followed; an answer past the size limit is cut off; every call of one link shares one time
// limit, counted from the link's making; a thread asked to stop (QThread::requestInterruption)
// gives up within a moment.
class HttpsProviderLink : public ProviderLink {
public:
    HttpsProviderLink(QUrl base, const ProviderCheckSettings& settings);

    ProviderReply send(const ProviderRequest& request) override;

private:
    const QUrl m_base;
    const ProviderCheckSettings& m_settings;
    QElapsedTimer m_started;
};

} // namespace paycred::service
