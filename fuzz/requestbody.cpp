// The request body reader and the field rules: the input's first line is the Content-Type, the
// rest the body; every field of the object read is then put through FieldReader and the
// credential field rules as the handlers use them.
#include "fuzz/fuzztarget.h"

#include "core/api/apirequest.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/service/credentialfields.h"

namespace paycred::fuzz {

void fuzzRequestBody(QByteArrayView input) {
    const qsizetype newline = input.indexOf('\n');
    api::ApiRequest request;
    request.method = "POST";
    request.target = "/payments/credentials/";
    if (newline >= 0) {
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray(input.first(newline).toByteArray())));
        request.body = input.sliced(newline + 1).toByteArray();
    } else {
        request.body = input.toByteArray();
    }
    (void)api::RequestBody::queryFields(request.body);
    (void)api::RequestBody::parse(request);
    const api::RequestBody body = api::RequestBody::parseObject(request);
    if (!body.ok())
        return;
    using service::CredentialFields;
    const QJsonObject& object = body.object();
    const QStringList providers = CredentialFields::providers();
    const QStringList environments = CredentialFields::environments();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        (void)api::FieldReader::pythonType(it.value());
        (void)api::FieldReader::text(object, key, 150);
        (void)api::FieldReader::text(object, key, 150, true);
        (void)api::FieldReader::choice(object, key, providers);
        (void)api::FieldReader::choice(object, key, environments);
        (void)api::FieldReader::boolean(object, key);
        (void)api::FieldReader::password(object, key);
        (void)api::FieldReader::string(object, key);
        const auto id = api::FieldReader::primaryKey(object, key);
        if (id.present && id.error.isEmpty())
            (void)api::FieldReader::invalidPrimaryKey(id.value);
        const auto text = api::FieldReader::text(object, key, CredentialFields::MaxKeyLength + 100);
        if (text.ok()) {
            const QString trimmed = CredentialFields::trimmed(text.value);
            (void)CredentialFields::keyProblem(CredentialFields::Key::Api, trimmed);
            (void)CredentialFields::keyProblem(CredentialFields::Key::Private, trimmed);
            (void)CredentialFields::choiceProblem(trimmed, providers);
        }
    }
}

} // namespace paycred::fuzz
