#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace opsdeck::test {

// One run of the opsdeck binary (a subcommand) as a script would run it: the password
// of the sign-in it needs in OPSDECK_PASSWORD (none when empty), a new password in
// OPSDECK_NEW_PASSWORD, stdin closed so a prompt reads end of file.
struct OpsdeckRun {
    int exitCode = -1; // -1: crashed or did not finish within the timeout
    QString out;
    QString err;
};

inline OpsdeckRun runOpsdeckBinary(const QString &binary, const QStringList &args, const QString &password,
                                   const QString &newPassword, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPSDECK_PASSWORD"));
    env.remove(QStringLiteral("OPSDECK_NEW_PASSWORD"));
    if (!password.isEmpty())
        env.insert(QStringLiteral("OPSDECK_PASSWORD"), password);
    if (!newPassword.isEmpty())
        env.insert(QStringLiteral("OPSDECK_NEW_PASSWORD"), newPassword);
    p.setProcessEnvironment(env);
    p.start(binary, args);
    p.closeWriteChannel();
    OpsdeckRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace opsdeck::test
