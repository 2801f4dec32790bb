import Hummingbird
import NIOCore

/// The request context: Hummingbird's basic one, plus the address the request came from (sign-in failures are
/// counted by address).
struct SongRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's address, when the channel has one (an embedded test channel has none).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
