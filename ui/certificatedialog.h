#pragma once

#include "core/client/apierror.h"

#include <QByteArray>
#include <QDialog>
#include <QString>

class QFormLayout;
class QLabel;
class QPushButton;

namespace paycred::ui {

// CertificateDialog: asks whether to trust a server's self-signed (or otherwise untrusted)
// certificate, showing what the user needs to compare it with what the administrator gave:
// subject, issuer, expiry and the SHA-256 fingerprint. Cancel is the default; when the
// certificate of a server trusted before has changed, the dialog says so loudly. Accepted means
// "trust it": the caller stores sha256() as the server's pin.
class CertificateDialog : public QDialog {
    Q_OBJECT
public:
    CertificateDialog(const client::ApiError& tlsError, const QString& serverUrl, bool changed,
                      QWidget* parent = nullptr);

    QString serverUrl() const { return m_serverUrl; }
    // The fingerprint to pin (lower-case hex, as the transport reported it).
    QByteArray sha256() const { return m_sha256; }
    bool isChanged() const { return m_changed; }

    // "AA:BB:CC:…": hex in upper-case pairs, as `openssl x509 -fingerprint` prints it.
    static QString groupedFingerprint(const QByteArray& sha256Hex);

private:
    QLabel* addValue(QFormLayout* form, const QString& label, const QString& name,
                     const QString& value);

    QString m_serverUrl;
    QByteArray m_sha256;
    bool m_changed;
};

} // namespace paycred::ui
