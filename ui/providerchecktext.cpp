#include "ui/providerchecktext.h"

#include "ui/icon.h"
#include "ui/localtime.h"

#include <QRegularExpression>

namespace paycred::ui {

namespace {

using Result = ProviderCheckText::Check::Result;

bool isLive(const QString& environment) {
    return environment == QLatin1String("live");
}

} // namespace

QString ProviderCheckText::resultWord(Check::Result result) {
    switch (result) {
    case Result::Valid:
        return tr("Valid");
    case Result::Rejected:
        return tr("Rejected");
    case Result::Unreachable:
        return tr("Unreachable");
    case Result::NotCheckable:
        return tr("Not checkable");
    }
    return {};
}

QIcon ProviderCheckText::resultIcon(Check::Result result) {
    switch (result) {
    case Result::Valid:
        return icon(QStringLiteral("verify"));
    case Result::Rejected:
        return icon(QStringLiteral("error"));
    case Result::Unreachable:
        return icon(QStringLiteral("warning"));
    case Result::NotCheckable:
        return {};
    }
    return {};
}

QString ProviderCheckText::checking(const QString& provider, const QString& environment) {
    return isLive(environment) ? tr("Asking %1 whether the live keys work…").arg(provider)
                               : tr("Asking %1 whether the sandbox keys work…").arg(provider);
}

// One sentence per result and environment, each whole: the environment's word takes another
// form in each language, so it is not a placeholder.
QString ProviderCheckText::verdict(const Check& check, const QString& provider) {
    const bool live = isLive(check.environment);
    switch (check.result) {
    case Result::Valid:
        return live ? tr("%1 accepted the live keys: they work.").arg(provider)
                    : tr("%1 accepted the sandbox keys: they work.").arg(provider);
    case Result::Rejected:
        return live ? tr("%1 rejected the live keys: payments with them will fail.").arg(provider)
                    : tr("%1 rejected the sandbox keys: payments with them will fail.")
                          .arg(provider);
    case Result::Unreachable:
        return live ? tr("%1 could not be asked about the live keys, so they were not judged.")
                          .arg(provider)
                    : tr("%1 could not be asked about the sandbox keys, so they were not judged.")
                          .arg(provider);
    case Result::NotCheckable:
        return live ? tr("The live keys cannot be checked with %1 here.").arg(provider)
                    : tr("The sandbox keys cannot be checked with %1 here.").arg(provider);
    }
    return {};
}

// The server's sentence says what ours, made from the result alone, cannot: which key was
// refused, that the provider did not answer in time or refused the connection, that the keys'
// own text names another environment. Only a bare acceptance ("KopoKopo accepted the keys.")
// repeats the verdict and is left out. Should the server word that differently, the line says
// it twice, which is harmless.
bool ProviderCheckText::addsToVerdict(const Check& check) {
    static const QRegularExpression bareAcceptance(QStringLiteral("^\\S+ accepted the keys\\.$"));
    const QString message = check.message.trimmed();
    if (message.isEmpty())
        return false;
    return check.result != Result::Valid || !bareAcceptance.match(message).hasMatch();
}

// The detail follows the sentence in the line itself, not in a tooltip: it is what the user acts
// on (which key to replace, whether to try again, which environment to choose), and a tooltip is
// found by few, and by no one on the keyboard or with a screen reader. It stays in the server's
// words, which are English (the API's messages are); the translated sentence before it already
// says what happened, and the translations mark the detail as English where that helps.
QString ProviderCheckText::line(const Check& check, const QString& provider) {
    const QString sentence = verdict(check, provider);
    if (!addsToVerdict(check))
        return sentence;
    return tr("%1 Details: %2", "a check's result, then the server's own words (English)")
        .arg(sentence, check.message.trimmed());
}

bool ProviderCheckText::isError(Check::Result result) {
    return result == Result::Rejected || result == Result::Unreachable;
}

QString ProviderCheckText::cell(const Check& check) {
    return tr("%1 · %2", "Last check column: the result, then when it was checked")
        .arg(resultWord(check.result), localTimeText(check.checkedAt));
}

} // namespace paycred::ui
