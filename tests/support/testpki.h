#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace qrc::test {

// Certificates for the TLS tests, made with the openssl CLI: a CA ("ca"), a second CA nobody
// trusts ("wrongca"), a server certificate for 127.0.0.1 / localhost and a client certificate,
// each as <name>.crt and <name>.key in a temporary directory.
class TestPki {
public:
    bool generate();
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // redis-server (or redis-sentinel) arguments for TLS with these certificates.
    QStringList serverArgs(bool requireClientCertificate) const;
    QString error() const { return m_error; }

private:
    bool fail(const QString &e);
    bool openssl(const QStringList &args);
    QStringList ecKey(const QString &name);
    bool makeCa(const QString &name);
    bool makeLeaf(const QString &name, const QString &section);

    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace qrc::test
