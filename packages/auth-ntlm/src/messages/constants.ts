/** "NTLMSSP\0", the signature that starts every NTLM message. */
export const NTLMSSP_SIGNATURE = new Uint8Array([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]);

export const MessageType = { negotiate: 1, challenge: 2, authenticate: 3 } as const;

/** NEGOTIATE flags (MS-NLMP 2.2.2.5). */
export const NegotiateFlag = {
  unicode: 0x00000001,
  oem: 0x00000002,
  requestTarget: 0x00000004,
  sign: 0x00000010,
  seal: 0x00000020,
  lmKey: 0x00000080,
  ntlm: 0x00000200,
  anonymous: 0x00000800,
  oemDomainSupplied: 0x00001000,
  oemWorkstationSupplied: 0x00002000,
  alwaysSign: 0x00008000,
  targetTypeDomain: 0x00010000,
  targetTypeServer: 0x00020000,
  extendedSessionSecurity: 0x00080000,
  identify: 0x00100000,
  requestNonNtSessionKey: 0x00400000,
  targetInfo: 0x00800000,
  version: 0x02000000,
  negotiate128: 0x20000000,
  keyExchange: 0x40000000,
  negotiate56: 0x80000000,
} as const;

/** AV_PAIR ids of the target info (MS-NLMP 2.2.2.1). */
export const AvId = {
  eol: 0,
  nbComputerName: 1,
  nbDomainName: 2,
  dnsComputerName: 3,
  dnsDomainName: 4,
  dnsTreeName: 5,
  flags: 6,
  timestamp: 7,
  singleHost: 8,
  targetName: 9,
  channelBindings: 10,
} as const;

/** MsvAvFlags bits. */
export const AvFlag = { constrained: 0x1, micPresent: 0x2, untrustedSpn: 0x4 } as const;

/**
 * What this client asks for, shaped as Windows sends it (strict acceptors such as
 * gss-ntlmssp want the VERSION field). No SIGN/SEAL: HTTP auth never uses them.
 */
export const CLIENT_NEGOTIATE_FLAGS =
  (NegotiateFlag.unicode |
    NegotiateFlag.oem |
    NegotiateFlag.requestTarget |
    NegotiateFlag.ntlm |
    NegotiateFlag.alwaysSign |
    NegotiateFlag.extendedSessionSecurity |
    NegotiateFlag.negotiate128 |
    NegotiateFlag.negotiate56 |
    NegotiateFlag.keyExchange |
    NegotiateFlag.version) >>>
  0;

/**
 * Flags the AUTHENTICATE message may echo from the server's CHALLENGE (the negotiated set).
 * OEM is dropped: every string this client sends is UTF-16LE.
 */
export const AUTHENTICATE_ECHOED_FLAGS =
  (CLIENT_NEGOTIATE_FLAGS & ~NegotiateFlag.oem) | NegotiateFlag.targetInfo;

/**
 * The VERSION structure (MS-NLMP 2.2.2.10) this client sends: Windows 10.0 build 20348,
 * NTLM revision 15. Only used for debugging by servers, but strict ones require the field.
 */
export const CLIENT_VERSION = new Uint8Array([10, 0, 0x7c, 0x4f, 0, 0, 0, 0x0f]);
