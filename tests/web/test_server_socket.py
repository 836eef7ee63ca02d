"""The server's own listening socket: pages are sent at once, never held back by Nagle."""

from __future__ import annotations

import asyncio
import socket
import threading

from anchored.web.server import bind


def test_connections_to_the_server_socket_send_without_delay() -> None:
    # asyncio sets TCP_NODELAY only on sockets that say they are TCP; a page written as
    # headers then body otherwise waits ~40 ms for the browser's delayed acknowledgement.
    listener = bind(0)
    host, port = listener.getsockname()
    assert host == "127.0.0.1"
    nodelay: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            nodelay.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        async with server:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            while not nodelay:
                await asyncio.sleep(0.01)
            writer.close()

    # In a thread of its own: browser tests may leave an event loop running in this one.
    runner = threading.Thread(target=lambda: asyncio.run(asyncio.wait_for(accept_one(), 10)))
    runner.start()
    runner.join()
    assert nodelay == [1]
