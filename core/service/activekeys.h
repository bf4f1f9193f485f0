#pragma once

#include "core/service/keyset.h"

#include <QMutex>

#include <memory>

namespace paycred::service {

// ActiveKeys: the KeySet in force, replaced whole. A server sets it once; a vault sets it when
// unlocked and clears it when locked, after which no token verifies and no key is reachable.
// A request that already holds the set finishes with it; the keys are wiped when the last
// holder lets go. Thread-safe.
class ActiveKeys {
public:
    ActiveKeys() = default;
    explicit ActiveKeys(KeySet keys)
        : m_keys(std::make_shared<const KeySet>(std::move(keys))) {}

    std::shared_ptr<const KeySet> get() const {
        QMutexLocker lock(&m_mutex);
        return m_keys;
    }
    void set(KeySet keys) {
        auto next = std::make_shared<const KeySet>(std::move(keys));
        QMutexLocker lock(&m_mutex);
        m_keys = std::move(next);
    }
    void clear() {
        std::shared_ptr<const KeySet> dropped;
        QMutexLocker lock(&m_mutex);
        dropped.swap(m_keys);
    }
    bool isSet() const { return get() != nullptr; }

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const KeySet> m_keys;
};

} // namespace paycred::service
