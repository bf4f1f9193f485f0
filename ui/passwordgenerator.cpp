#include "ui/passwordgenerator.h"

#include "core/crypto/digest.h"
#include "core/crypto/secret.h"

#include <QByteArray>
#include <QLatin1StringView>

#include <algorithm>

namespace paycred::ui {

namespace {

constexpr QLatin1StringView Alphabet{"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"};

bool allDigits(const QString& text) {
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

} // namespace

QString PasswordGenerator::generate() {
    const int size = static_cast<int>(Alphabet.size());
    // The largest multiple of the alphabet's size below 256: bytes above it are drawn again, so
    // every character is equally likely.
    const int limit = 256 - 256 % size;
    QString password;
    password.reserve(Length);
    while (password.size() < Length || allDigits(password)) {
        if (password.size() == Length)
            crypto::wipe(password);
        QByteArray bytes = crypto::Digest::randomBytes(Length * 2);
        for (const char byte : bytes) {
            const int value = static_cast<unsigned char>(byte);
            if (value < limit && password.size() < Length)
                password.append(QChar(Alphabet.at(value % size)));
        }
        crypto::wipe(bytes);
    }
    return password;
}

} // namespace paycred::ui
