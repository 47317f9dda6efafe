// EC2 conformance: the simulator's network reads as the real SDK client sees them, over EC2's query
// protocol with XML answers, in process and over HTTP.
import {
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatorRequestHandler } from "../../../src/sim/wire/request-handler.js";
import type { Cluster } from "../../../src/sim/world.js";
import { caught, freshWorld, type RawResponse } from "../../helpers/conformance.js";
import { type Harness, harness } from "../../helpers/sim.js";

/** Awaits a rejected call and checks EC2's error code and HTTP status. */
async function rejects(p: Promise<unknown>, name: string, status = 400) {
  const err = await caught(() => p);
  expect(err).toBeInstanceOf(EC2ServiceException);
  expect(err).toMatchObject({ name, $metadata: { httpStatusCode: status } });
  expect((err as Error).message.length).toBeGreaterThan(0);
  return err as Error;
}

/** One raw form-encoded request, as the aws CLI sends it, through the harness's transport. */
async function postQuery(hh: Harness, body: string): Promise<RawResponse> {
  const headers = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    authorization: "AWS4-HMAC-SHA256 Credential=AKIDSIMULATOR000001/20261128/eu-west-1/ec2/aws4_request",
  };
  if (hh.url) {
    const res = await fetch(hh.url, { method: "POST", headers, body });
    return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
  }
  const { response } = await new SimulatorRequestHandler(hh.sim).handle({ headers, body });
  return {
    status: response.statusCode,
    headers: response.headers,
    text: Buffer.from(response.body).toString(),
  };
}

describe.each(["in-process", "http"] as const)("EC2 over %s", (transport) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function open(scenario = "healthy") {
    h = await harness(freshWorld(scenario), transport);
    return { hh: h, ec2: await h.clients.ec2() };
  }
  const mainCluster = (hh: Harness): Cluster => hh.world().clusters[0]!;

  describe("DescribeSubnets", () => {
    it("lists every subnet that exists with its Availability Zone, VPC, CIDR and free addresses", async () => {
      const { hh, ec2 } = await open();
      const out = await ec2.send(new DescribeSubnetsCommand({}));
      const world = hh.world().subnets;
      expect(out.Subnets?.map((s) => s.SubnetId).sort()).toEqual(world.map((s) => s.SubnetId).sort());
      const first = world[0]!;
      expect(out.Subnets?.find((s) => s.SubnetId === first.SubnetId)).toMatchObject({
        AvailabilityZone: first.AvailabilityZone,
        AvailabilityZoneId: "euw1-az1",
        VpcId: first.VpcId,
        CidrBlock: first.CidrBlock,
        AvailableIpAddressCount: first.freeAddresses,
        State: "available",
        DefaultForAz: false,
        OwnerId: hh.world().accountId,
      });
    });

    it("narrows by SubnetIds and by vpc-id and availability-zone filters (values OR'd, filters AND'd)", async () => {
      const { hh, ec2 } = await open();
      const c = mainCluster(hh);
      const ids = Object.values(c.SubnetMapping);
      const byId = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids }));
      expect(byId.Subnets?.map((s) => s.SubnetId).sort()).toEqual([...ids].sort());
      const az = Object.keys(c.SubnetMapping)[0]!;
      const filtered = await ec2.send(
        new DescribeSubnetsCommand({
          Filters: [
            { Name: "vpc-id", Values: [c.VpcId, "vpc-00000000"] },
            { Name: "availability-zone", Values: [az] },
          ],
        }),
      );
      expect(filtered.Subnets?.length).toBe(
        hh.world().subnets.filter((s) => s.AvailabilityZone === az).length,
      );
      expect(filtered.Subnets?.every((s) => s.AvailabilityZone === az && s.VpcId === c.VpcId)).toBe(true);
      const wildcard = await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: "availability-zone", Values: ["eu-west-1*"] }] }),
      );
      expect(wildcard.Subnets?.length).toBe(hh.world().subnets.length);
    });

    it("answers a full subnet with AvailableIpAddressCount 0", async () => {
      const { hh, ec2 } = await open("insufficient-free-addresses-in-subnet");
      const full = hh.world().subnets.find((s) => s.freeAddresses === 0)!;
      const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [full.SubnetId] }));
      expect(out.Subnets?.[0]?.AvailableIpAddressCount).toBe(0);
    });

    it("answers InvalidSubnetID.NotFound naming a deleted subnet, and omits it from listings", async () => {
      const { hh, ec2 } = await open("subnet-not-found");
      const gone = hh.world().subnets.find((s) => s.deleted)!;
      const err = await rejects(
        ec2.send(new DescribeSubnetsCommand({ SubnetIds: [gone.SubnetId] })),
        "InvalidSubnetID.NotFound",
      );
      expect(err.message).toBe(`The subnet ID '${gone.SubnetId}' does not exist`);
      const all = await ec2.send(new DescribeSubnetsCommand({}));
      expect(all.Subnets?.some((s) => s.SubnetId === gone.SubnetId)).toBe(false);
    });

    it("answers InvalidSubnetID.Malformed for an id that is not one", async () => {
      const { ec2 } = await open();
      await rejects(
        ec2.send(new DescribeSubnetsCommand({ SubnetIds: ["not-a-subnet"] })),
        "InvalidSubnetID.Malformed",
      );
    });

    it("pages with MaxResults and NextToken, and refuses a token from another request", async () => {
      const { hh, ec2 } = await open("fleet");
      const total = hh.world().subnets.filter((s) => !s.deleted).length;
      expect(total).toBeGreaterThan(5);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await ec2.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: token }));
        expect(out.Subnets!.length).toBeLessThanOrEqual(5);
        seen.push(...out.Subnets!.map((s) => s.SubnetId!));
        token = out.NextToken;
        pages++;
      } while (token);
      expect(pages).toBe(Math.ceil(total / 5));
      expect(new Set(seen).size).toBe(total);
      const first = await ec2.send(new DescribeSubnetsCommand({ MaxResults: 5 }));
      await rejects(
        ec2.send(new DescribeSubnetsCommand({ MaxResults: 6, NextToken: first.NextToken })),
        "InvalidPaginationToken",
      );
    });

    it("refuses MaxResults below EC2's minimum of 5, and an unknown filter, with InvalidParameterValue", async () => {
      const { ec2 } = await open();
      await rejects(ec2.send(new DescribeSubnetsCommand({ MaxResults: 4 })), "InvalidParameterValue");
      const err = await rejects(
        ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "colour", Values: ["blue"] }] })),
        "InvalidParameterValue",
      );
      expect(err.message).toBe("The filter 'colour' is invalid");
    });

    it("answers DryRunOperation (412) to a permitted dry run", async () => {
      const { ec2 } = await open();
      await rejects(ec2.send(new DescribeSubnetsCommand({ DryRun: true })), "DryRunOperation", 412);
    });

    it("answers UnauthorizedOperation (403) when the caller may not call it", async () => {
      const { hh, ec2 } = await open();
      hh.world().faults.accessDenied.push("ec2:DescribeSubnets");
      const err = await rejects(ec2.send(new DescribeSubnetsCommand({})), "UnauthorizedOperation", 403);
      expect(err.message).toMatch(
        /^You are not authorized to perform this operation\. .*ec2:DescribeSubnets/,
      );
    });
  });

  describe("DescribeSecurityGroups", () => {
    it("shows the cluster's group with CloudHSM's TCP 2223-2225 rules to itself, both ways", async () => {
      const { hh, ec2 } = await open();
      const c = mainCluster(hh);
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [c.SecurityGroup] }));
      const self = {
        IpProtocol: "tcp",
        FromPort: 2223,
        ToPort: 2225,
        UserIdGroupPairs: [{ GroupId: c.SecurityGroup, UserId: hh.world().accountId }],
      };
      expect(out.SecurityGroups).toEqual([
        expect.objectContaining({
          GroupId: c.SecurityGroup,
          GroupName: `cloudhsm-cluster-${c.ClusterId}-sg`,
          VpcId: c.VpcId,
          IpPermissions: [expect.objectContaining(self)],
          IpPermissionsEgress: [expect.objectContaining(self)],
        }),
      ]);
    });

    it("finds groups by vpc-id and by the group a rule names", async () => {
      const { hh, ec2 } = await open();
      const c = mainCluster(hh);
      for (const filter of [
        { Name: "vpc-id", Values: [c.VpcId] },
        { Name: "ip-permission.group-id", Values: [c.SecurityGroup] },
        { Name: "egress.ip-permission.to-port", Values: ["2225"] },
      ]) {
        const out = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [filter] }));
        expect(out.SecurityGroups?.map((g) => g.GroupId)).toEqual([c.SecurityGroup]);
      }
    });

    it("answers InvalidGroup.NotFound for a group that does not exist", async () => {
      const { ec2 } = await open();
      const err = await rejects(
        ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0123456789abcdef0"] })),
        "InvalidGroup.NotFound",
      );
      expect(err.message).toBe("The security group 'sg-0123456789abcdef0' does not exist");
      await rejects(
        ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["default"] })),
        "InvalidGroupId.Malformed",
      );
    });
  });

  describe("DescribeVpcs", () => {
    it("shows the VPC of every subnet and cluster, and InvalidVpcID.NotFound for an unknown one", async () => {
      const { hh, ec2 } = await open();
      const c = mainCluster(hh);
      const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [c.VpcId] }));
      expect(out.Vpcs).toEqual([
        expect.objectContaining({
          VpcId: c.VpcId,
          State: "available",
          CidrBlock: "10.0.0.0/16",
          IsDefault: false,
        }),
      ]);
      await rejects(
        ec2.send(new DescribeVpcsCommand({ VpcIds: ["vpc-0123456789abcdef0"] })),
        "InvalidVpcID.NotFound",
      );
    });
  });

  describe("DescribeNetworkInterfaces", () => {
    it("shows each HSM's interface in its subnet, with its address, the cluster's group and its attachment", async () => {
      const { hh, ec2 } = await open();
      const c = mainCluster(hh);
      const hsm = c.Hsms[0]!;
      const out = await ec2.send(
        new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "subnet-id", Values: [hsm.SubnetId] }] }),
      );
      expect(out.NetworkInterfaces).toHaveLength(1);
      const eni = out.NetworkInterfaces![0]!;
      expect(eni).toMatchObject({
        NetworkInterfaceId: hsm.EniId,
        SubnetId: hsm.SubnetId,
        VpcId: c.VpcId,
        AvailabilityZone: hsm.AvailabilityZone,
        PrivateIpAddress: hsm.EniIp,
        Status: "in-use",
        RequesterManaged: true,
        Groups: [expect.objectContaining({ GroupId: c.SecurityGroup })],
      });
      // Timestamps travel in ISO 8601 in XML; the SDK hands back a Date.
      expect(eni.Attachment?.AttachTime).toEqual(new Date(c.CreateTimestamp));
      const byOwner = await ec2.send(
        new DescribeNetworkInterfacesCommand({
          Filters: [{ Name: "attachment.instance-owner-id", Values: ["amazon-cloudhsm"] }],
        }),
      );
      expect(byOwner.NetworkInterfaces?.length).toBe(c.Hsms.length);
    });

    it("refuses NetworkInterfaceIds with MaxResults, and names an unknown interface", async () => {
      const { hh, ec2 } = await open();
      const eni = mainCluster(hh).Hsms[0]!.EniId;
      await rejects(
        ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni], MaxResults: 5 })),
        "InvalidParameterCombination",
      );
      await rejects(
        ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ["eni-0123456789abcdef0"] })),
        "InvalidNetworkInterfaceID.NotFound",
      );
    });
  });

  describe("the query protocol on the wire", () => {
    it("answers in EC2's XML: the action's Response element in EC2's namespace, requestId, item-wrapped lists", async () => {
      const { hh } = await open();
      const id = mainCluster(hh).SubnetMapping["eu-west-1a"]!;
      const res = await postQuery(hh, `Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=${id}`);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/xml/);
      expect(res.text).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeSubnetsResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><subnetSet><item>/,
      );
      expect(res.text).toContain(`<subnetId>${id}</subnetId>`);
      expect(res.text).toContain("<availableIpAddressCount>");
    });

    it("reads numbered filters and their values (Filter.N.Name, Filter.N.Value.M)", async () => {
      const { hh } = await open();
      const c = mainCluster(hh);
      const res = await postQuery(
        hh,
        `Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=${c.VpcId}&Filter.2.Name=availability-zone&Filter.2.Value.1=eu-west-1b`,
      );
      expect(res.text.match(/<item>/g)?.length).toBe(
        hh.world().subnets.filter((s) => s.AvailabilityZone === "eu-west-1b").length,
      );
    });

    it("answers errors as EC2 does: <Response><Errors><Error> with Code and Message, and the RequestID", async () => {
      const { hh } = await open();
      const res = await postQuery(
        hh,
        "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=subnet-0123456789abcdef0",
      );
      expect(res.status).toBe(400);
      expect(res.text).toMatch(
        /<Response><Errors><Error><Code>InvalidSubnetID.NotFound<\/Code><Message>The subnet ID &apos;subnet-0123456789abcdef0&apos; does not exist<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
      );
    });

    it("answers InvalidAction for an action it does not serve, and UnknownParameter for a member the model lacks", async () => {
      const { hh } = await open();
      const action = await postQuery(hh, "Action=RunInstances&Version=2016-11-15");
      expect(action.status).toBe(400);
      expect(action.text).toContain("<Code>InvalidAction</Code>");
      const param = await postQuery(hh, "Action=DescribeVpcs&Version=2016-11-15&Colour=blue");
      expect(param.text).toContain(
        "<Code>UnknownParameter</Code><Message>The parameter Colour is not recognized</Message>",
      );
      const notNumber = await postQuery(hh, "Action=DescribeVpcs&Version=2016-11-15&MaxResults=many");
      expect(notNumber.text).toContain("<Code>InvalidParameterValue</Code>");
    });
  });
});
