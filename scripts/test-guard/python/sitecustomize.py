"""streambed test guard for Python children of tests (boto3 real-client tests).

Loaded through PYTHONPATH (see ../child-env.mjs). Refuses, before any DNS lookup or packet, every
connection, datagram and name lookup that is not for loopback (127.0.0.0/8, ::1, localhost, unix
sockets), raising a ConnectionRefusedError whose message starts "streambed test guard:", and
records the attempt in STREAMBED_TEST_GUARD_LOG so the test that started this process fails even
when the error is swallowed. There is no switch to turn it off.
"""
import ipaddress
import json
import os
import socket
import sys
import _socket

_ALLOWED = "tests may only use loopback (127.0.0.1/::1/localhost)"


class LoopbackGuardError(ConnectionRefusedError):
    code = "ERR_STREAMBED_NON_LOOPBACK"


def _is_loopback_address(host):
    try:
        ip = ipaddress.ip_address(str(host).strip("[]").split("%")[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def _is_address(host):
    try:
        ipaddress.ip_address(str(host).strip("[]").split("%")[0])
        return True
    except ValueError:
        return False


def _is_loopback_host(host):
    if host is None:
        return True  # getaddrinfo(None, ...) is the local/passive address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).lower().rstrip(".")
    return name in ("", "localhost") or _is_loopback_address(name)


def _refuse(what, target):
    message = "streambed test guard: %s %s refused — %s" % (what, target, _ALLOWED)
    try:
        sys.stderr.write(message + "\n")
    except Exception:
        pass
    log = os.environ.get("STREAMBED_TEST_GUARD_LOG")
    if log:
        try:
            with open(log, "a") as f:
                f.write(json.dumps({"what": what, "target": target, "message": message, "stack": "", "pid": os.getpid(), "argv": ["python"] + sys.argv[:1]}) + "\n")
        except Exception:
            pass
    return LoopbackGuardError(message)


def _target(address):
    host, port = address[0], address[1]
    return ("[%s]:%s" % (host, port)) if ":" in str(host) else ("%s:%s" % (host, port))


def _check_address(sock, address, what):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        if not _is_loopback_host(address[0]):
            raise _refuse(what, _target(address))
        if not _is_loopback_address(address[0]):
            # "localhost": resolve (through the guarded getaddrinfo) and check every address
            for info in socket.getaddrinfo(address[0], address[1], sock.family):
                if not _is_loopback_address(info[4][0]):
                    raise _refuse(what, "%s (resolved to %s)" % (_target(address), info[4][0]))


def _connect(self, address):
    _check_address(self, address, "connection to")
    return _socket.socket.connect(self, address)


def _connect_ex(self, address):
    _check_address(self, address, "connection to")
    return _socket.socket.connect_ex(self, address)


def _sendto(self, data, *args):
    _check_address(self, args[-1], "datagram to")
    return _socket.socket.sendto(self, data, *args)


_getaddrinfo = socket.getaddrinfo
_gethostbyname = socket.gethostbyname
_gethostbyname_ex = socket.gethostbyname_ex
_gethostbyaddr = socket.gethostbyaddr


def _guarded_getaddrinfo(host, port, *args, **kwargs):
    if not _is_loopback_host(host):
        if _is_address(host):
            raise _refuse("connection to", _target((host, port)))
        raise _refuse("DNS lookup of", str(host))
    result = _getaddrinfo(host, port, *args, **kwargs)
    for info in result:
        if not _is_loopback_address(info[4][0]):
            raise _refuse("connection to", "%s (resolved to %s)" % (host, info[4][0]))
    return result


def _guarded_by_name(original):
    def guarded(host):
        if not _is_loopback_host(host):
            raise _refuse("DNS lookup of", str(host))
        return original(host)
    return guarded


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.socket.sendto = _sendto
socket.getaddrinfo = _guarded_getaddrinfo
socket.gethostbyname = _guarded_by_name(_gethostbyname)
socket.gethostbyname_ex = _guarded_by_name(_gethostbyname_ex)
socket.gethostbyaddr = _guarded_by_name(_gethostbyaddr)

for _name, _value in [("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"), ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9"), ("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:9"), ("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:9")]:
    if not os.environ.get(_name, "").strip():
        os.environ[_name] = _value
