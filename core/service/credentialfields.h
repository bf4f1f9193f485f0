#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace paycred::service {

// CredentialFields: the rules for the fields a credential is received with, wherever it comes
// from — an endpoint, a backup being imported, a row being re-encrypted: the provider and
// environment choices, and the keys' lengths in Unicode code points once trimmed.
class CredentialFields {
public:
    static constexpr int MinKeyLength = 10;
    static constexpr int MaxKeyLength = 255;

    enum class Key { Api, Private };

    // The provider registry's ids, for a provider field.
    static QStringList providers();
    static QStringList environments();
    static QString defaultEnvironment();

    // Keys are kept, and compared, without the whitespace around them.
    static QString trimmed(const QString& key) { return key.trimmed(); }
    // Empty when the (trimmed) key keeps the length rule; otherwise why not, in the seed's words:
    // "Private key must be at least 10 characters long".
    static QString keyProblem(Key key, QStringView trimmedKey);
    // Empty when `value` is one of `choices`; otherwise DRF's "\"paypal\" is not a valid choice."
    static QString choiceProblem(const QString& value, const QStringList& choices);
};

} // namespace paycred::service
