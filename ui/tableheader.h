#pragma once

class QHeaderView;

namespace paycred::ui {

// TableHeader: what every table of the app does with its header: no title cut short. Each
// section is made at least as wide as its title needs in the language and font of the moment
// (a width in pixels chosen for English at 10 pt is not enough for "Msimamizi mkuu" at 150 %).
class TableHeader {
public:
    // After the sections got their widths (and after a saved layout was restored).
    static void fitTitles(QHeaderView* header);
};

} // namespace paycred::ui
