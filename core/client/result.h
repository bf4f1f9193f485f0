#pragma once

#include "core/client/apierror.h"

#include <functional>
#include <optional>

namespace paycred::client {

// Result: what an asynchronous call of the client gives its callback — a value, or an error
// (error.kind != None). Callback<T> is the callback that takes it.
template <typename T> struct Result {
    std::optional<T> value;
    ApiError error;

    bool ok() const { return !error.isError() && value.has_value(); }

    static Result success(T value) {
        Result result;
        result.value = std::move(value);
        return result;
    }
    static Result failure(const ApiError& error) {
        Result result;
        result.error = error;
        return result;
    }
};

template <typename T> using Callback = std::function<void(Result<T>)>;

} // namespace paycred::client
