export declare function buildCli(options?: { tests?: boolean }): Promise<void>;
