// A private certificate authority for tests that need TLS: it signs a server certificate for
// localhost and client certificates for mTLS, all PEM.
import forge from 'node-forge';

export interface IssuedCertificate {
  cert: string;
  key: string;
}

const { pki } = forge;

function issue(commonName: string, issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | undefined, extensions: object[]) {
  const keys = pki.rsa.generateKeyPair(2048);
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : [{ name: 'commonName', value: commonName }]);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

const pem = ({ cert, key }: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): IssuedCertificate => ({ cert: pki.certificateToPem(cert), key: pki.privateKeyToPem(key) });

/** A CA, a server certificate for localhost and 127.0.0.1, and one client certificate it signed. */
export function testCertificates(): { ca: IssuedCertificate; server: IssuedCertificate; client: IssuedCertificate } {
  const ca = issue('Roster test CA', undefined, [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]);
  const server = issue('localhost', ca, [
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  const client = issue('roster-worker', ca, [{ name: 'extKeyUsage', clientAuth: true }]);
  return { ca: pem(ca), server: pem(server), client: pem(client) };
}
