#pragma once

#include <QObject>

class QSocketNotifier;

namespace qrc {

// Delivers SIGINT/SIGTERM into the event loop (self-pipe: the handler only writes a byte).
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qrc
