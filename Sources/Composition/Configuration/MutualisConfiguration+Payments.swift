import Logging
import Payments

extension MutualisConfiguration {
    /// The payment provider the modules get: PayFiP's web service at the configured addresses
    /// (the local simulator unless `MUTUALIS_PAYFIP_ENDPOINT` and `MUTUALIS_PAYFIP_PAGE` say otherwise).
    public func paymentProvider(logger: Logger) -> any PaymentProvider {
        PayFiPWebService(endpoint: payfipEndpoint, paymentPage: payfipPage, timeout: payfipTimeout, logger: logger)
    }
}
