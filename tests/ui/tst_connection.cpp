// Connection: the vault is created and opened off the GUI thread, the client works over it, and
// lock() forgets the session and the vault's keys.
#include "tests/ui/uitestsupport.h"

#include "core/client/httptransport.h"
#include "core/vault/vault.h"

#include <QFileInfo>

using namespace paycred;
using namespace paycred::uitest;

class TestConnection : public QObject {
    Q_OBJECT
private slots:
    void createsTheVaultInAFolderThatDoesNotExistYet() {
        UiFixture fixture;
        const QString path = fixture.path(QStringLiteral("deep/er/vault.paycred"));
        auto connection = ui::Connection::toVault(fixture.clock, fixture.context.vaultOptions);
        std::optional<vault::VaultStatus> status;
        connection->createVault(path, QStringLiteral("owner"), OwnerPassword,
                                [&](vault::VaultStatus s) { status = s; });
        QVERIFY(!status.has_value()); // never from inside the call
        QTRY_VERIFY_WITH_TIMEOUT(status.has_value(), 20000);
        QVERIFY2(status->ok(), qPrintable(status->message));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions() & QFileDevice::ReadOther,
                 QFileDevice::Permissions());
        QCOMPARE(connection->mode(), ui::Connection::Mode::Vault);
        QVERIFY(connection->endpoint().contains(path));
    }

    void lockForgetsTheSessionAndTheKeys() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        addCredential(connection->client(), QStringLiteral("kopokopo"));
        QVERIFY(connection->session().isActive());
        QVERIFY(connection->vault()->isUnlocked());
        connection->lock();
        QVERIFY(!connection->session().isActive());
        QVERIFY(!connection->vault()->isUnlocked());
    }

    void reopensWhatWasCreated() {
        UiFixture fixture;
        {
            auto connection = fixture.createVault();
            QVERIFY(connection);
            addCredential(connection->client(), QStringLiteral("instasend"),
                          QStringLiteral("live"));
        }
        auto connection = fixture.openVault();
        QVERIFY(connection);
        auto list =
            await<QList<client::Credential>>([&](client::Callback<QList<client::Credential>> done) {
                connection->client().listCredentials(std::move(done));
            });
        QVERIFY(list.ok());
        QCOMPARE(list.value->size(), 1);
        QCOMPARE(list.value->first().environment, QStringLiteral("live"));
    }

    void aServerConnectionNamesItsUrl() {
        auto connection = ui::Connection::toServer(QUrl(QStringLiteral("https://pay.example.com")),
                                                   QByteArrayLiteral("ab:cd"));
        QCOMPARE(connection->mode(), ui::Connection::Mode::Server);
        QVERIFY(connection->http());
        QVERIFY(!connection->vault());
        QCOMPARE(connection->serverUrl(), QStringLiteral("https://pay.example.com"));
        QCOMPARE(connection->http()->trustedCertificateSha256(), QByteArrayLiteral("abcd"));
    }
};

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
