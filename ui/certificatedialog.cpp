#include "ui/certificatedialog.h"
#include "ui/windowfit.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QString readableExpiry(const QString& iso) {
    const QDateTime expiry = QDateTime::fromString(iso, Qt::ISODate);
    if (!expiry.isValid())
        return iso;
    return QLocale().toString(expiry.toLocalTime(), QLocale::LongFormat);
}

} // namespace

CertificateDialog::CertificateDialog(const client::ApiError& tlsError, const QString& serverUrl,
                                     bool changed, QWidget* parent)
    : QDialog(parent)
    , m_serverUrl(serverUrl)
    , m_sha256(tlsError.certificateSha256.toLower())
    , m_changed(changed) {
    setObjectName(QStringLiteral("certificateDialog"));
    WindowFit::apply(this, 64);
    setWindowTitle(changed ? tr("Certificate changed") : tr("Untrusted certificate"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/certificate.svg")));
    setAccessibleName(windowTitle());

    auto* headline = new QLabel(this);
    headline->setObjectName(QStringLiteral("headlineLabel"));
    headline->setWordWrap(true);
    QFont bold = headline->font();
    bold.setBold(true);
    headline->setFont(bold);
    if (changed) {
        headline->setText(tr("The server's certificate has CHANGED"));
        headline->setStyleSheet(QStringLiteral("color: #b00020; font-size: 14pt;"));
    } else {
        headline->setText(tr("PayCred does not know the certificate of %1").arg(serverUrl));
    }

    auto* explanation = new QLabel(this);
    explanation->setObjectName(QStringLiteral("explanationLabel"));
    explanation->setWordWrap(true);
    explanation->setText(
        changed
            ? tr("You trusted another certificate for %1 before. The server may have been given "
                 "a new one, or someone may be intercepting the connection. Do not go on "
                 "unless your administrator confirms the new fingerprint below.")
                  .arg(serverUrl)
            : tr("The server's certificate is not signed by an authority this computer "
                 "trusts, which is usual for a server inside your company. Compare the "
                 "fingerprint below with the one your administrator gave you, character by "
                 "character. Trust it only if they are the same."));

    auto* details = new QFrame(this);
    details->setFrameShape(QFrame::StyledPanel);
    auto* form = new QFormLayout(details);
    addValue(form, tr("Server:"), QStringLiteral("serverLabel"), serverUrl);
    addValue(form, tr("Issued to:"), QStringLiteral("subjectLabel"), tlsError.certificateSubject);
    addValue(form, tr("Issued by:"), QStringLiteral("issuerLabel"), tlsError.certificateIssuer);
    addValue(form, tr("Expires:"), QStringLiteral("expiryLabel"),
             readableExpiry(tlsError.certificateExpiry));
    QLabel* fingerprint =
        addValue(form, tr("SHA-256 fingerprint:"), QStringLiteral("fingerprintLabel"),
                 groupedFingerprint(m_sha256));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    fingerprint->setFont(mono);

    auto* buttons = new QDialogButtonBox(this);
    auto* trust =
        buttons->addButton(changed ? tr("Trust the new certificate") : tr("Trust this certificate"),
                           QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    trust->setAccessibleName(trust->text());
    trust->setAutoDefault(false);
    trust->setDefault(false);
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setText(tr("Cancel"));
    cancel->setAccessibleName(tr("Cancel, do not trust the certificate"));
    // Trusting must be a deliberate click: Enter cancels.
    cancel->setDefault(true);
    cancel->setAutoDefault(true);
    connect(trust, &QPushButton::clicked, this, &QDialog::accept);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline);
    layout->addWidget(explanation);
    layout->addWidget(details);
    layout->addWidget(buttons);
    cancel->setFocus();
    setTabOrder(cancel, trust);
}

QLabel* CertificateDialog::addValue(QFormLayout* form, const QString& label, const QString& name,
                                    const QString& value) {
    auto* field = new QLabel(value.isEmpty() ? tr("(not given)") : value, this);
    field->setObjectName(name);
    field->setAccessibleName(label);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    form->addRow(label, field);
    return field;
}

QString CertificateDialog::groupedFingerprint(const QByteArray& sha256Hex) {
    const QString hex = QString::fromLatin1(sha256Hex).remove(QLatin1Char(':')).toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs.append(hex.mid(i, 2));
    return pairs.join(QLatin1Char(':'));
}

} // namespace paycred::ui
