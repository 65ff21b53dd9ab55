#pragma once

// One life of `opsdeck --headless`: started on the test's database, its info log read
// line by line, and killed with SIGKILL from inside the read handler the moment an armed
// log line shows up, so the kill lands as close to that moment as a pipe allows.
#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStringList>

namespace opsdeck::killtest {

// Log lines the loop times its kills by (categories opsdeck.feed and
// opsdeck.app.positions at info).
inline constexpr const char *kSnapshotRequested = "snapshot requested:";
inline constexpr const char *kSnapshotApplied = "snapshot applied:";
inline constexpr const char *kPruneStarted = "position history prune started";
inline constexpr const char *kPruneDone = "position history prune done";

class ConsoleProcess final
{
public:
    ConsoleProcess(const QString &exe, const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("opsdeck.feed.info=true\nopsdeck.app.positions.info=true"));
        m_process.setProcessEnvironment(env);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] { readLog(); });
        m_process.start(exe, args);
    }
    ~ConsoleProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    ConsoleProcess(const ConsoleProcess &) = delete;
    ConsoleProcess &operator=(const ConsoleProcess &) = delete;

    bool started() { return m_process.waitForStarted(10000); }
    bool running() const { return m_process.state() == QProcess::Running; }

    // Lines containing `marker` seen so far.
    int count(const char *marker) const
    {
        int n = 0;
        for (const QByteArray &l : m_lines)
            n += l.contains(marker) ? 1 : 0;
        return n;
    }
    // Index of the last line containing `marker`, or -1.
    int lastIndexOf(const char *marker) const
    {
        for (auto i = m_lines.size() - 1; i >= 0; --i)
            if (m_lines[i].contains(marker))
                return static_cast<int>(i);
        return -1;
    }
    const QList<QByteArray> &lines() const { return m_lines; }

    // Kill with SIGKILL once `marker` has been seen `nth` times in all (counting lines
    // already read), from inside the read handler.
    void armKill(const char *marker, int nth)
    {
        m_marker = marker;
        m_nth = nth;
        if (count(marker) >= nth)
            killNow();
    }
    bool killed() const { return m_killed; }
    int triggerLine() const { return m_triggerLine; }

    void killNow()
    {
        m_marker = nullptr;
        m_killed = true;
        m_triggerLine = static_cast<int>(m_lines.size()) - 1;
        m_process.kill(); // SIGKILL: no flush, no clean close
    }

    // Blocks in the event loop (no polling sleep) until the process ends, so an armed
    // kill fires as soon as the line reaches the pipe.
    bool waitForExit(int timeoutMs)
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        QSignalSpy finished(&m_process, &QProcess::finished);
        return finished.wait(timeoutMs) || m_process.state() == QProcess::NotRunning;
    }

    // After the kill: the process is gone and every line it wrote before dying is read.
    bool reap()
    {
        const bool done = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(10000);
        readLog();
        return done;
    }

    // A clean stop (SIGTERM) for the last life; true when it exited 0.
    bool terminate()
    {
        m_process.terminate();
        const bool done = m_process.waitForFinished(20000);
        readLog();
        return done && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QByteArray standardOutput() { return m_process.readAllStandardOutput(); }

private:
    void readLog()
    {
        m_partial += m_process.readAllStandardError();
        qsizetype nl = 0;
        while ((nl = m_partial.indexOf('\n')) >= 0) {
            m_lines.push_back(m_partial.left(nl));
            m_partial.remove(0, nl + 1);
            if (m_marker && !m_killed && m_lines.back().contains(m_marker) && count(m_marker) >= m_nth)
                killNow();
        }
    }

    QProcess m_process;
    QByteArray m_partial;
    QList<QByteArray> m_lines;
    const char *m_marker = nullptr;
    int m_nth = 0;
    bool m_killed = false;
    int m_triggerLine = -1;
};

} // namespace opsdeck::killtest
