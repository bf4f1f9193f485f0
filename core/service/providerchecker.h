#pragma once

#include "core/crypto/secret.h"

#include <QString>
#include <QStringList>

namespace paycred::service {

class ProviderLink;

// ProviderChecker: how one provider tells whether a pair of its keys works — which calls to
// make and what their answers mean. It reads nothing of the keys into a log or a message.
class ProviderChecker {
public:
    enum class Result { Valid, Rejected, Unreachable, NotCheckable };

    struct Keys {
        crypto::Secret apiKey;     // the api_key field, as stored
        crypto::Secret privateKey; // the private_key field, as stored
    };

    struct Outcome {
        Result result = Result::Unreachable;
        QString message; // a sentence for the owner (API.md §2 check), English
    };

    virtual ~ProviderChecker() = default;
    virtual Outcome check(const Keys& keys, ProviderLink& link) const = 0;
    // How the company spells itself in a message ("IntaSend", where the seed's id and display
    // name say InstaSend).
    virtual QString company() const = 0;

    // "valid", "rejected", "unreachable", "not_checkable" (API.md §2), and back (Unreachable
    // for an unknown name).
    static QString nameOf(Result result);
    static Result resultNamed(const QString& name);
    static QStringList names();
};

} // namespace paycred::service
