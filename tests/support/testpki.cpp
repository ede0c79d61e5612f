#include "testpki.h"

#include <QFile>
#include <QProcess>

namespace qrc::test {

bool TestPki::generate() {
    if (!m_dir.isValid())
        return fail(QStringLiteral("no temporary directory"));
    const QString ext = path(QStringLiteral("ext.cnf"));
    QFile f(ext);
    if (!f.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write ext.cnf"));
    f.write("[server]\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n"
            "extendedKeyUsage=serverAuth\n"
            "[client]\nextendedKeyUsage=clientAuth\n");
    f.close();
    return makeCa(QStringLiteral("ca")) && makeCa(QStringLiteral("wrongca")) &&
           makeLeaf(QStringLiteral("server"), QStringLiteral("server")) &&
           makeLeaf(QStringLiteral("client"), QStringLiteral("client"));
}

QStringList TestPki::serverArgs(bool requireClientCertificate) const {
    return {QStringLiteral("--tls-cert-file"),
            path(QStringLiteral("server.crt")),
            QStringLiteral("--tls-key-file"),
            path(QStringLiteral("server.key")),
            QStringLiteral("--tls-ca-cert-file"),
            path(QStringLiteral("ca.crt")),
            QStringLiteral("--tls-auth-clients"),
            requireClientCertificate ? QStringLiteral("yes") : QStringLiteral("no")};
}

bool TestPki::fail(const QString &e) {
    m_error = e;
    return false;
}

bool TestPki::openssl(const QStringList &args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return fail(QStringLiteral("openssl %1 failed: %2")
                        .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll())));
    return true;
}

QStringList TestPki::ecKey(const QString &name) {
    return {QStringLiteral("-newkey"),    QStringLiteral("ec"),
            QStringLiteral("-pkeyopt"),   QStringLiteral("ec_paramgen_curve:prime256v1"),
            QStringLiteral("-nodes"),     QStringLiteral("-keyout"),
            name + QStringLiteral(".key")};
}

bool TestPki::makeCa(const QString &name) {
    return openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey(name) +
                   QStringList{QStringLiteral("-out"), name + QStringLiteral(".crt"),
                               QStringLiteral("-days"), QStringLiteral("2"),
                               QStringLiteral("-subj"), QStringLiteral("/CN=qrc test ") + name});
}

bool TestPki::makeLeaf(const QString &name, const QString &section) {
    return openssl(QStringList{QStringLiteral("req")} + ecKey(name) +
                   QStringList{QStringLiteral("-out"), name + QStringLiteral(".csr"),
                               QStringLiteral("-subj"), QStringLiteral("/CN=") + name}) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.crt"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                    name + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-extfile"), QStringLiteral("ext.cnf"),
                    QStringLiteral("-extensions"), section});
}

} // namespace qrc::test
