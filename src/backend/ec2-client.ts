import { EC2Client, type EC2ClientConfig } from "@aws-sdk/client-ec2";

/**
 * The EC2 client, in a module of its own so that it is imported only when a network read needs it
 * (`clients.ec2()`): the SDK's EC2 client takes about half a second to load. A dynamic import of one
 * of kcs's own modules, rather than of the SDK package itself, keeps the bundled CLI's interop with
 * the SDK's CommonJS build the same as every other client's.
 */
export function makeEc2Client(config: EC2ClientConfig): EC2Client {
  return new EC2Client(config);
}
