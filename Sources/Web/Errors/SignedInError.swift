/// An error thrown by a route a signed-in person asked for: carries who they are, so that the
/// error page's header shows them signed in (with their account and sign-out) rather than
/// « Se connecter ». Added by `AuthenticationMiddleware`, taken apart by `ErrorMiddleware`.
struct SignedInError: Error {
    var underlying: any Error
    var viewer: PageViewer
}
