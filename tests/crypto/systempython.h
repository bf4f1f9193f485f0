#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace paycred::test {

// Runs Debian's /usr/bin/python3 (isolated mode: no user site, no PYTHONPATH) on `script`,
// feeding `input` as a JSON object on stdin: test data never goes through argv.
struct PythonRun {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool ok() const { return finished && exitCode == 0; }
    // What to show when the run failed: the end of stderr (a Python traceback).
    QByteArray diagnostic() const {
        return "python exit " + QByteArray::number(exitCode) + ": " + err.right(600);
    }
};

inline PythonRun runSystemPython(const QString& script, const QJsonObject& input = {}) {
    PythonRun run;
    QProcess process;
    process.setProgram(QStringLiteral(PAYCRED_SYSTEM_PYTHON));
    process.setArguments({QStringLiteral("-I"), QStringLiteral("-c"), script});
    process.start();
    if (!process.waitForStarted(30'000))
        return run;
    process.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    run.finished = process.waitForFinished(300'000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace paycred::test
