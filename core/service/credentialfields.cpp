#include "core/service/credentialfields.h"

#include "core/foundation/unicodetext.h"
#include "core/service/environment.h"
#include "core/service/fielderrors.h"
#include "core/service/provider.h"

namespace paycred::service {

QStringList CredentialFields::providers() {
    QStringList ids;
    for (const Provider& provider : Provider::all())
        ids.append(provider.id);
    return ids;
}

QStringList CredentialFields::environments() {
    return Environment::all();
}

QString CredentialFields::defaultEnvironment() {
    return Environment::sandbox();
}

QString CredentialFields::keyProblem(Key key, QStringView trimmedKey) {
    const QString name =
        key == Key::Api ? QStringLiteral("API key") : QStringLiteral("Private key");
    const qsizetype length = UnicodeText::codePoints(trimmedKey);
    if (length < MinKeyLength)
        return QStringLiteral("%1 must be at least %2 characters long").arg(name).arg(MinKeyLength);
    if (length > MaxKeyLength)
        return QStringLiteral("%1 must be at most %2 characters long").arg(name).arg(MaxKeyLength);
    return {};
}

QString CredentialFields::choiceProblem(const QString& value, const QStringList& choices) {
    return choices.contains(value) ? QString() : FieldErrors::notAChoice(value);
}

} // namespace paycred::service
