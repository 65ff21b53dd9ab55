#pragma once

// opsdeck-bench console: the ops_manager window under a storm (BenchWindow.cpp).

#include <QApplication>
#include <QString>

#include <cstdint>
#include <vector>

namespace opsdeck::bench {

// Times every top-level event delivery on the GUI thread (nested ones are part of their
// parent's time) and sums them per event-loop iteration, an iteration starting at the
// dispatcher's awake(). That sum is how long the loop could not take input.
class TimedApplication final : public QApplication
{
public:
    TimedApplication(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;

    // Starts a measurement: clears what was recorded.
    void startMeasuring();
    void stopMeasuring();

    // Busy time of each iteration that delivered something, ns.
    const std::vector<std::int64_t> &iterations() const { return m_iterations; }
    // The GUI thread's CPU time in each of those iterations, ns.
    const std::vector<std::int64_t> &iterationsCpu() const { return m_iterationsCpu; }
    std::int64_t paints() const { return m_paints; }
    // The slowest deliveries seen (receiver, event type, ms), slowest first.
    QStringList slowest() const;
    // Every iteration busier than kLongIterationNs (wall) or kLongIterationCpuNs (the GUI
    // thread's CPU): its wall and CPU time and the delivery that took most of it (what to
    // fix first), slowest first by wall time, or by CPU time.
    QStringList longIterations(bool byCpu) const;
    static constexpr std::int64_t kLongIterationNs = 30'000'000;
    static constexpr std::int64_t kLongIterationCpuNs = 16'000'000;

private:
    void iterationStarted();

    bool m_measuring = false;
    int m_depth = 0;
    std::int64_t m_busyNs = 0;
    std::int64_t m_busyCpuNs = 0;
    std::int64_t m_paints = 0;
    std::vector<std::int64_t> m_iterations;
    std::vector<std::int64_t> m_iterationsCpu;
    struct Slow {
        std::int64_t ns;
        const char *className; // static: the meta-object's
        const char *owner;     // the receiver's parent's class
        int type;
    };
    std::vector<Slow> m_slow; // at most kSlowKept, unsorted
    Slow m_iterationTop{};    // this iteration's longest delivery
    int m_iterationDeliveries = 0;
    struct LongIteration {
        std::int64_t ns;
        std::int64_t cpuNs;
        Slow top;
        int deliveries;
    };
    std::vector<LongIteration> m_long;
};

} // namespace opsdeck::bench
