#pragma once

class QLineEdit;
class QString;

namespace paycred::ui {

// Placeholder: an empty field's hint — what goes in it — set so that it always shows whole: the
// field is never made narrower than the hint, its icons and its clear button need, in the
// language and font of the moment (a filter row squeezed at 150 % would show "I…").
class Placeholder {
public:
    // Call after the field's icons and clear button are set.
    static void set(QLineEdit* edit, const QString& text);
};

} // namespace paycred::ui
