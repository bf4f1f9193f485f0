#pragma once

#include <QList>

namespace paycred::service {

// Precondition: what a request asks of a credential's version before it may change it (API.md
// §2's If-Match). None: the seed's behaviour, any version. A change that meets its precondition
// is written only if the row still has the version it was checked against.
class Precondition {
public:
    static Precondition none() { return {}; }
    // If-Match: * — the credential must exist, at any version.
    static Precondition anyVersion() { return Precondition(true, {}); }
    // If-Match: "3", "4" — one of these versions. An empty list matches nothing.
    static Precondition oneOf(QList<qint64> versions) {
        return Precondition(true, std::move(versions), false);
    }

    bool isSet() const { return m_set; }
    bool allows(qint64 version) const { return !m_set || m_any || m_versions.contains(version); }

private:
    Precondition() = default;
    Precondition(bool set, QList<qint64> versions, bool any = true)
        : m_set(set)
        , m_any(any)
        , m_versions(std::move(versions)) {}

    bool m_set = false;
    bool m_any = false;
    QList<qint64> m_versions;
};

} // namespace paycred::service
