#pragma once

#include "core/client/adminclient.h"
#include "core/client/credentialsclient.h"
#include "ui/admintab.h"
#include "ui/pagedtablemodel.h"

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace paycred::ui {

class AllCredentialsModel;
class PagedTableView;

// AllCredentialsTab: every user's credentials (metadata and owner, never a key), filtered by
// provider, environment, status and owner, sorted by the server; a credential switched off or on,
// or deleted after a confirmation naming provider, environment and owner (with If-Match when its
// version is known); and the emergency switch: every active live credential off — of the selected
// owner or of everyone — after a confirmation that says how many, from the server's count.
class AllCredentialsTab : public AdminTab {
    Q_OBJECT
public:
    AllCredentialsTab(client::AdminClient& admin,
                      const QList<client::CredentialsClient::Provider>& providers,
                      QWidget* parent = nullptr);

    void reload() override;
    AllCredentialsModel& model() const { return *m_model; }
    PagedTableView* table() const { return m_table; }

private:
    using Owned = client::AdminClient::OwnedCredential;

    QWidget* createFilters(const QList<client::CredentialsClient::Provider>& providers);
    PagedTableModel::Filters currentFilters() const;
    void applyFilters();
    void updateActions();
    void updateCount();
    std::optional<Owned> selected() const;
    QString describe(const Owned& owned) const;

    void toggle();
    void confirmDelete();
    void remove(const Owned& owned);
    // The emergency switch, for one owner or (no owner) for everyone.
    void switchOffLive(std::optional<Owned> owner);
    void confirmSwitchOff(std::optional<Owned> owner, qint64 count);
    void switchedOff(qint64 count);
    // A change refused because the row changed or went meanwhile: read the list again.
    void changeFailed(const client::ApiError& error);

    client::AdminClient& m_admin;
    AllCredentialsModel* m_model;
    PagedTableView* m_table = nullptr;
    QComboBox* m_provider = nullptr;
    QComboBox* m_environment = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_owner = nullptr;
    QLabel* m_count = nullptr;

    QAction* m_toggle = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_switchOffOwner = nullptr;
    QAction* m_switchOffAll = nullptr;
};

} // namespace paycred::ui
