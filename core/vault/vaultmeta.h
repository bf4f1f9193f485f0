#pragma once

#include <QString>

namespace paycred::vault {

// VaultMeta: the rows of a vault's vault_meta table by name, and the format a vault file says it
// is — for the vault itself and for whatever reads a vault's copy (a backup).
struct VaultMeta {
    static QString format() { return QStringLiteral("format"); }
    static QString formatVersion() { return QStringLiteral("format_version"); }
    static QString vaultId() { return QStringLiteral("vault_id"); }
    static QString dataRing() { return QStringLiteral("data_ring"); }
    static QString rotation() { return QStringLiteral("rotation_in_progress"); }
    static QString createdAt() { return QStringLiteral("created_at"); }
    // The audit key, sealed with the master key (VaultAuditKey).
    static QString auditKey() { return QStringLiteral("audit_key"); }
    // The login throttle's key, in clear (base64): the throttle works while the vault is locked.
    static QString throttleKey() { return QStringLiteral("throttle_key"); }
    // The remembered-unlock slots (RememberedSlot), a JSON object by user id; absent when none.
    static QString rememberedSlots() { return QStringLiteral("remembered_slots"); }

    // The value of the "format" row: what says a SQLite file is a PayCred vault.
    static QString formatName() { return QStringLiteral("paycred-vault"); }
};

} // namespace paycred::vault
