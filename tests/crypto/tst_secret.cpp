// Secret and wipe(): what is wiped, and that Secret cannot leak through conversions.
//
// To see that the bytes are overwritten before their storage is released, this executable
// replaces the global operator new/delete (a standard, supported customisation): the
// replacement looks at one watched block while it still owns it, just before freeing it.
// std::vector, which holds a Secret's bytes, allocates through operator new; QByteArray and
// QString use malloc directly, so for them the tests check the detach semantics instead.

#include "core/crypto/secret.h"

#include <QDebug>
#include <QTest>

#include <atomic>
#include <concepts>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <vector>

using paycred::crypto::Secret;
using paycred::crypto::wipe;

// --- compile-time guarantees --------------------------------------------------------------
static_assert(!std::is_convertible_v<Secret, QByteArray>);
static_assert(!std::is_convertible_v<Secret, QString>);
static_assert(!std::is_convertible_v<Secret, QByteArrayView>);
static_assert(!std::is_convertible_v<Secret, const char*>);
static_assert(!std::is_convertible_v<QByteArray, Secret>); // explicit construction only
static_assert(!std::is_constructible_v<QByteArray, Secret>);
static_assert(!std::equality_comparable<Secret>);
template <typename T>
concept Printable = requires(QDebug debug, const T& value) {
    debug << value;
};
static_assert(Printable<QByteArray> && Printable<QByteArrayView>); // the check can see printing
static_assert(!Printable<Secret>);
static_assert(std::is_nothrow_move_constructible_v<Secret>);
static_assert(std::is_nothrow_move_assignable_v<Secret>);

// --- a watch on one heap block ---------------------------------------------------------------
namespace {

struct Watch {
    std::atomic<const void*> block{nullptr};
    std::size_t size = 0;
    bool released = false;
    bool allZero = false;
};
Watch g_watch;

void inspectBeforeFree(void* p) noexcept {
    if (p == nullptr || p != g_watch.block.load())
        return;
    const auto* bytes = static_cast<const unsigned char*>(p);
    bool zero = true;
    for (std::size_t i = 0; i < g_watch.size; ++i)
        zero = zero && bytes[i] == 0;
    g_watch.allZero = zero;
    g_watch.released = true;
    g_watch.block.store(nullptr);
}

void watch(const void* block, std::size_t size) {
    g_watch.size = size;
    g_watch.released = false;
    g_watch.allZero = false;
    g_watch.block.store(block);
}

} // namespace

void* operator new(std::size_t size) {
    if (void* p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void operator delete(void* p) noexcept {
    inspectBeforeFree(p);
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
    inspectBeforeFree(p);
    std::free(p);
}

// --- tests ------------------------------------------------------------------------------------
class TestSecret : public QObject {
    Q_OBJECT

private slots:
    void holdsItsBytes();
    void fromUtf8();
    void clearEmpties();
    void copiesAreIndependent();
    void moveLeavesTheSourceEmpty();
    void theWatchSeesUnwipedMemory();
    void destructionWipes();
    void clearWipes();
    void copyAssignmentWipesTheOldBytes();
    void moveAssignmentWipesTheOldBytes();
    void wipeByteArray();
    void wipeByteArrayLeavesSharedCopiesAlone();
    void wipeByteArrayLeavesRawDataAlone();
    void wipeString();
    void wipeStringLeavesSharedCopiesAlone();
};

void TestSecret::holdsItsBytes() {
    const Secret secret(QByteArrayView("sk_live_abc"));
    QVERIFY(!secret.isEmpty());
    QCOMPARE(secret.size(), 11u);
    QCOMPARE(secret.view(), QByteArrayView("sk_live_abc"));
    QCOMPARE(secret.reveal(), QByteArray("sk_live_abc"));
    QCOMPARE(QByteArrayView(secret.data(), qsizetype(secret.size())),
             QByteArrayView("sk_live_abc"));
    const Secret binary(QByteArrayView("a\0b", 3));
    QCOMPARE(binary.size(), 3u);
    QVERIFY(Secret().isEmpty());
    QCOMPARE(Secret().size(), 0u);
    QVERIFY(Secret().reveal().isEmpty());
}

void TestSecret::fromUtf8() {
    const Secret secret = Secret::fromUtf8(QStringLiteral("pässwörd ✓"));
    QCOMPARE(secret.reveal(), QStringLiteral("pässwörd ✓").toUtf8());
    QVERIFY(Secret::fromUtf8(QString()).isEmpty());
}

void TestSecret::clearEmpties() {
    Secret secret(QByteArrayView("to forget"));
    secret.clear();
    QVERIFY(secret.isEmpty());
    QCOMPARE(secret.size(), 0u);
    QVERIFY(secret.view().isEmpty());
    secret.clear(); // twice is fine
    QVERIFY(secret.isEmpty());
}

void TestSecret::copiesAreIndependent() {
    Secret original(QByteArrayView("shared?"));
    Secret copy(original);
    QVERIFY(copy.data() != original.data());
    original.clear();
    QCOMPARE(copy.reveal(), QByteArray("shared?"));
    Secret assigned;
    assigned = copy;
    copy.clear();
    QCOMPARE(assigned.reveal(), QByteArray("shared?"));
    const Secret& alias = assigned;
    assigned = alias; // self-assignment keeps the bytes
    QCOMPARE(assigned.reveal(), QByteArray("shared?"));
}

void TestSecret::moveLeavesTheSourceEmpty() {
    Secret source(QByteArrayView("moving"));
    const unsigned char* storage = source.data();
    Secret target(std::move(source));
    QVERIFY(source.isEmpty());        // NOLINT(bugprone-use-after-move): that is the point
    QCOMPARE(target.data(), storage); // the bytes moved, no copy was left behind
    QCOMPARE(target.reveal(), QByteArray("moving"));

    Secret other;
    other = std::move(target);
    QVERIFY(target.isEmpty()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(other.data(), storage);
    QCOMPARE(other.reveal(), QByteArray("moving"));
}

void TestSecret::theWatchSeesUnwipedMemory() {
    // Control: a plain vector is freed with its bytes intact, and the watch notices.
    auto* plain = new std::vector<unsigned char>(64, 'K');
    watch(plain->data(), plain->size());
    delete plain;
    QVERIFY(g_watch.released);
    QVERIFY(!g_watch.allZero);
}

void TestSecret::destructionWipes() {
    auto* secret = new Secret(QByteArray(64, 'K'));
    watch(secret->data(), secret->size());
    delete secret;
    QVERIFY(g_watch.released);
    QVERIFY(g_watch.allZero);
}

void TestSecret::clearWipes() {
    Secret secret(QByteArray(48, 'C'));
    watch(secret.data(), secret.size());
    secret.clear();
    QVERIFY(g_watch.released); // clear() gives the storage back at once, wiped
    QVERIFY(g_watch.allZero);
}

void TestSecret::copyAssignmentWipesTheOldBytes() {
    Secret secret(QByteArray(40, 'O'));
    const Secret replacement(QByteArray(40, 'N'));
    watch(secret.data(), secret.size());
    secret = replacement;
    QVERIFY(g_watch.released);
    QVERIFY(g_watch.allZero);
    QCOMPARE(secret.reveal(), QByteArray(40, 'N'));
}

void TestSecret::moveAssignmentWipesTheOldBytes() {
    Secret secret(QByteArray(40, 'O'));
    watch(secret.data(), secret.size());
    secret = Secret(QByteArray(8, 'N'));
    QVERIFY(g_watch.released);
    QVERIFY(g_watch.allZero);
    QCOMPARE(secret.reveal(), QByteArray(8, 'N'));
}

void TestSecret::wipeByteArray() {
    QByteArray bytes(64, 's');
    bytes.detach();
    wipe(bytes);
    QVERIFY(bytes.isEmpty());
    QCOMPARE(bytes.size(), 0);
    QByteArray empty;
    wipe(empty);
    QVERIFY(empty.isEmpty());
}

void TestSecret::wipeByteArrayLeavesSharedCopiesAlone() {
    QByteArray mine(32, 's');
    const QByteArray someoneElses = mine; // implicitly shared: one buffer
    QCOMPARE(someoneElses.constData(), mine.constData());
    wipe(mine);
    QVERIFY(mine.isEmpty());
    QCOMPARE(someoneElses, QByteArray(32, 's'));
}

void TestSecret::wipeByteArrayLeavesRawDataAlone() {
    // Storage a QByteArray does not own is not its to overwrite: it is detached first.
    const char buffer[] = "not owned by the array";
    QByteArray view = QByteArray::fromRawData(buffer, qsizetype(sizeof(buffer) - 1));
    wipe(view);
    QVERIFY(view.isEmpty());
    QCOMPARE(QByteArray(buffer), QByteArray("not owned by the array"));
}

void TestSecret::wipeString() {
    QString text(40, u'p');
    wipe(text);
    QVERIFY(text.isEmpty());
    QString empty;
    wipe(empty);
    QVERIFY(empty.isEmpty());
}

void TestSecret::wipeStringLeavesSharedCopiesAlone() {
    QString mine = QStringLiteral("pässwörd");
    mine.detach();
    const QString someoneElses = mine;
    QCOMPARE(someoneElses.constData(), mine.constData());
    wipe(mine);
    QVERIFY(mine.isEmpty());
    QCOMPARE(someoneElses, QStringLiteral("pässwörd"));
}

QTEST_APPLESS_MAIN(TestSecret)
#include "tst_secret.moc"
