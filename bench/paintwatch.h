#pragma once

#include <QObject>

class QAbstractItemView;

namespace paycred::bench {

// PaintWatch: sets a flag once a view's viewport paints with rows in its model — the moment a
// table is shown to the user.
class PaintWatch : public QObject {
public:
    // `view` and `painted` must outlive the watch.
    PaintWatch(QAbstractItemView& view, bool& painted);
    ~PaintWatch() override;
    PaintWatch(const PaintWatch&) = delete;
    PaintWatch& operator=(const PaintWatch&) = delete;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAbstractItemView& m_view;
    bool& m_painted;
};

} // namespace paycred::bench
