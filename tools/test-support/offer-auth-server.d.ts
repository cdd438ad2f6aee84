export interface OfferAuthServer {
  /** The server's EWS URL on 127.0.0.1. */
  readonly url: URL;
  /** Requests received so far. */
  requests(): number;
  close(): Promise<void>;
}

/** Answers every request with 401, an empty body and one WWW-Authenticate header per `offer` entry. */
export declare function offerAuthServer(offer: readonly string[]): Promise<OfferAuthServer>;

/** Starts offerAuthServer()s and closes every one still open (call `closeAll` in an `afterEach`). */
export declare function offerAuthServers(): {
  start(offer: readonly string[]): Promise<OfferAuthServer>;
  closeAll(): Promise<void>;
};
