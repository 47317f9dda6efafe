import type { NodeHttpHandler } from "@smithy/node-http-handler";

/** Options, or a provider of them (what the SDK's runtime config passes when given no handler). */
type Options = ConstructorParameters<typeof NodeHttpHandler>[0];
type Handle = NodeHttpHandler["handle"];
type ConfigKey = Parameters<NodeHttpHandler["updateHttpClientConfig"]>[0];
type ConfigValue = Parameters<NodeHttpHandler["updateHttpClientConfig"]>[1];

/**
 * smithy's Node HTTP handler, loaded on its first request. Loading it loads Node's http, https, tls
 * and net (about 10 ms of every cold start), which a simulated run never uses: its requests go to
 * the simulator in process. The SDK clients' own default handler comes here too
 * (scripts/bundle.mjs, src/backend/sdk-http-handler.ts), though kcs always passes one.
 */
export class LazyNodeHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private real?: NodeHttpHandler;
  private loading?: Promise<NodeHttpHandler>;
  private readonly updates: [ConfigKey, ConfigValue][] = [];

  constructor(private readonly options?: Options) {}

  /** What the SDK's runtime config calls: a handler it was given is used as it is. */
  static create(instanceOrOptions?: unknown): unknown {
    if (typeof (instanceOrOptions as { handle?: unknown } | undefined)?.handle === "function")
      return instanceOrOptions;
    return new LazyNodeHttpHandler(instanceOrOptions as Options);
  }

  private load(): Promise<NodeHttpHandler> {
    this.loading ??= import("@smithy/node-http-handler").then(({ NodeHttpHandler: Real }) => {
      const real = new Real(this.options);
      for (const [key, value] of this.updates) real.updateHttpClientConfig(key, value);
      this.real = real;
      return real;
    });
    return this.loading;
  }

  async handle(...args: Parameters<Handle>): ReturnType<Handle> {
    return (await this.load()).handle(...args);
  }

  updateHttpClientConfig(key: ConfigKey, value: ConfigValue): void {
    if (this.real) this.real.updateHttpClientConfig(key, value);
    else this.updates.push([key, value]);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler["httpHandlerConfigs"]> {
    if (this.real) return this.real.httpHandlerConfigs();
    return typeof this.options === "object" && this.options ? { ...this.options } : {};
  }

  destroy(): void {
    this.real?.destroy();
  }
}
