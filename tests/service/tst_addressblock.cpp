// The address rules below every layer (core/foundation): AddressBlock (the trusted proxies'
// entries, an IPv6 client's /64) and LoopbackHost (where plain HTTP crosses no network).

#include "core/foundation/addressblock.h"
#include "core/foundation/loopbackhost.h"

#include <QTest>

using paycred::AddressBlock;
using paycred::LoopbackHost;

class TestAddressBlock : public QObject {
    Q_OBJECT
private slots:
    void parsesAddressesAndBlocks_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written");
        QTest::newRow("v4") << "127.0.0.1"
                            << "127.0.0.1";
        QTest::newRow("v4 spaces") << " 10.1.2.3 "
                                   << "10.1.2.3";
        QTest::newRow("v4 /8") << "10.0.0.0/8"
                               << "10.0.0.0/8";
        QTest::newRow("v4 /32") << "192.0.2.7/32"
                                << "192.0.2.7";
        QTest::newRow("v4 /0") << "0.0.0.0/0"
                               << "0.0.0.0/0";
        QTest::newRow("v6") << "::1"
                            << "::1";
        QTest::newRow("v6 /8") << "fd00::/8"
                               << "fd00::/8";
        QTest::newRow("v6 /64") << "2001:db8:1:2::/64"
                                << "2001:db8:1:2::/64";
        QTest::newRow("mapped v4") << "::ffff:192.0.2.1"
                                   << "192.0.2.1";
    }
    void parsesAddressesAndBlocks() {
        QFETCH(QString, text);
        QFETCH(QString, written);
        const auto block = AddressBlock::parse(text);
        QVERIFY(block);
        QCOMPARE(block->toString(), written);
    }

    void refusesWhatIsNoBlock_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("name") << "proxy.example.com";
        QTest::newRow("v4 /33") << "10.0.0.0/33";
        QTest::newRow("v6 /129") << "fd00::/129";
        QTest::newRow("host bits") << "10.0.0.1/8";
        QTest::newRow("no prefix") << "10.0.0.0/";
        QTest::newRow("signed prefix") << "10.0.0.0/+8";
        QTest::newRow("zone") << "fe80::1%eth0";
        QTest::newRow("short v4") << "10.1";
    }
    void refusesWhatIsNoBlock() {
        QFETCH(QString, text);
        QVERIFY(!AddressBlock::parse(text));
    }

    void contains() {
        const auto v4 = AddressBlock::parse(u"10.0.0.0/8");
        QVERIFY(v4->contains(QHostAddress(QStringLiteral("10.255.0.1"))));
        QVERIFY(v4->contains(QHostAddress(QStringLiteral("::ffff:10.0.0.1"))));
        QVERIFY(!v4->contains(QHostAddress(QStringLiteral("11.0.0.1"))));
        QVERIFY(!v4->contains(QHostAddress(QStringLiteral("::1"))));
        const auto v6 = AddressBlock::parse(u"2001:db8:1:2::/64");
        QVERIFY(v6->contains(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::1"))));
        QVERIFY(!v6->contains(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
        QVERIFY(!v6->contains(QHostAddress(QStringLiteral("10.0.0.1"))));
        const auto one = AddressBlock::parse(u"127.0.0.1");
        QVERIFY(one->contains(QHostAddress(QStringLiteral("127.0.0.1"))));
        QVERIFY(!one->contains(QHostAddress(QStringLiteral("127.0.0.5"))));
    }

    void aroundGivesTheClientsBlock() {
        QCOMPARE(AddressBlock::around(
                     QHostAddress(QStringLiteral("2001:db8:1:2:aaaa:bbbb:cccc:dddd")), 64)
                     .toString(),
                 QStringLiteral("2001:db8:1:2::/64"));
        QCOMPARE(
            AddressBlock::around(QHostAddress(QStringLiteral("2001:db8:1:2:3::")), 72).toString(),
            QStringLiteral("2001:db8:1:2::/72"));
        QCOMPARE(AddressBlock::around(QHostAddress(QStringLiteral("192.0.2.77")), 24).toString(),
                 QStringLiteral("192.0.2.0/24"));
    }

    void loopbackHosts() {
        for (const char* host : {"localhost", "LocalHost", "localhost.", "127.0.0.1", "127.9.8.7",
                                 "::1", "[::1]", "::ffff:127.0.0.1"})
            QVERIFY2(LoopbackHost::matches(QString::fromLatin1(host)), host);
        for (const char* host : {"", "0.0.0.0", "::", "192.0.2.1", "fd00::2",
                                 "localhost.example.com", "pay.example.com", "128.0.0.1"})
            QVERIFY2(!LoopbackHost::matches(QString::fromLatin1(host)), host);
    }
};

QTEST_GUILESS_MAIN(TestAddressBlock)
#include "tst_addressblock.moc"
