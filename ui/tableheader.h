#pragma once

class QHeaderView;
class QTableView;

namespace paycred::ui {

// TableHeader: what every table of the app does with its columns: nothing cut short. Each column
// is made at least as wide as its title needs, in the language and font of the moment (a width in
// pixels chosen for English at 10 pt is not enough for "Msimamizi mkuu" at 150 %), and, once the
// first rows are in, as wide as their cells need (a date in full). After that the widths are the
// user's: later rows never move them.
class TableHeader {
public:
    // After the columns got their first widths (and after a saved layout was restored).
    static void fit(QTableView* table);

private:
    static void fitTitles(QHeaderView* header);
    static void fitCells(QTableView* table);
};

} // namespace paycred::ui
