#include "ui/tableheader.h"

#include <QAbstractItemModel>
#include <QHeaderView>

namespace paycred::ui {

void TableHeader::fitTitles(QHeaderView* header) {
    if (!header->model())
        return;
    const int count = header->count();
    for (int section = 0; section < count; ++section) {
        if (header->isSectionHidden(section))
            continue;
        const int needs = header->sectionSizeHint(section);
        if (header->sectionSize(section) < needs)
            header->resizeSection(section, needs);
    }
}

} // namespace paycred::ui
