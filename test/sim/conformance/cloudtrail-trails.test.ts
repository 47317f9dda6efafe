// Conformance of CloudTrail's trail operations (DescribeTrails, GetTrailStatus, ListTrails,
// GetEventSelectors), through the real @aws-sdk/client-cloudtrail client on both transports.
import {
  CloudTrailARNInvalidException,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  InvalidTrailNameException,
  ListTrailsCommand,
  TrailNotFoundException,
} from "@aws-sdk/client-cloudtrail";
import { describe, expect, it } from "vitest";
import { DURATIONS } from "../../../src/sim/clock.js";
import { LIST_TRAILS_PAGE, managementTrail } from "../../../src/sim/cloudtrail/trails.js";
import type { Trail, World } from "../../../src/sim/world.js";
import { caught, freshWorld } from "../../helpers/conformance.js";
import type { Harness } from "../../helpers/sim.js";
import { harnessPerTest } from "./kms-support.js";

type ErrorClass = abstract new (...args: never[]) => Error;

async function rejects(p: Promise<unknown>, cls: ErrorClass | string) {
  const err = await caught(() => p);
  if (typeof cls === "string") expect(err).toMatchObject({ name: cls });
  else expect(err).toBeInstanceOf(cls);
  expect(err).toMatchObject({ $metadata: { httpStatusCode: 400 } });
}

const ct = (h: Harness) => h.clients.cloudtrail;
const trailOf = (h: Harness) => h.world().trails![0]!;

/** A trail of another Region, as a world may hold one (multi-Region ones show here as shadow trails). */
function foreignTrail(world: World, name: string, multiRegion: boolean): Trail {
  const t = managementTrail({ ...world, region: "us-east-1" }, world.clock.simAnchorMs);
  return {
    ...t,
    Name: name,
    TrailARN: t.TrailARN.replace("management-events", name),
    IsMultiRegionTrail: multiRegion,
  };
}

describe.each(["in-process", "http"] as const)("CloudTrail trails over %s", (transport) => {
  const open = harnessPerTest(transport);

  describe("DescribeTrails", () => {
    it("shows the scenario's multi-Region management trail, by default, by name and by ARN", async () => {
      const h = await open(freshWorld("healthy"));
      const t = trailOf(h);
      const all = await ct(h).send(new DescribeTrailsCommand({}));
      expect(all.trailList).toEqual([
        {
          Name: "management-events",
          S3BucketName: t.S3BucketName,
          IncludeGlobalServiceEvents: true,
          IsMultiRegionTrail: true,
          HomeRegion: h.world().region,
          TrailARN: `arn:aws:cloudtrail:${h.world().region}:${h.world().accountId}:trail/management-events`,
          LogFileValidationEnabled: true,
          HasCustomEventSelectors: false,
          HasInsightSelectors: false,
          IsOrganizationTrail: false,
        },
      ]);
      for (const name of [t.Name, t.TrailARN]) {
        const out = await ct(h).send(new DescribeTrailsCommand({ trailNameList: [name] }));
        expect(out.trailList!.map((x) => x.Name)).toEqual([t.Name]);
      }
      // A name that matches no trail is left out, not refused.
      expect(
        (await ct(h).send(new DescribeTrailsCommand({ trailNameList: ["no-such-trail"] }))).trailList,
      ).toEqual([]);
    });

    it("another Region's multi-Region trail shows as a shadow trail unless includeShadowTrails is false", async () => {
      const world = freshWorld("healthy");
      world.trails!.push(foreignTrail(world, "org-audit", true), foreignTrail(world, "us-only", false));
      const h = await open(world);
      const shown = await ct(h).send(new DescribeTrailsCommand({}));
      expect(shown.trailList!.map((t) => `${t.Name}@${t.HomeRegion}`)).toEqual([
        `management-events@${world.region}`,
        "org-audit@us-east-1",
      ]);
      const own = await ct(h).send(new DescribeTrailsCommand({ includeShadowTrails: false }));
      expect(own.trailList!.map((t) => t.Name)).toEqual(["management-events"]);
    });

    it("a malformed name is InvalidTrailNameException; a malformed ARN CloudTrailARNInvalidException", async () => {
      const h = await open(freshWorld("healthy"));
      await rejects(
        ct(h).send(new DescribeTrailsCommand({ trailNameList: ["a--b"] })),
        InvalidTrailNameException,
      );
      await rejects(
        ct(h).send(new DescribeTrailsCommand({ trailNameList: ["arn:aws:cloudtrail:eu-west-1:1:trail"] })),
        CloudTrailARNInvalidException,
      );
    });

    it("a world made before trails were modelled has none", async () => {
      const world = freshWorld("healthy");
      delete world.trails;
      const h = await open(world);
      expect((await ct(h).send(new DescribeTrailsCommand({}))).trailList).toEqual([]);
      expect((await ct(h).send(new ListTrailsCommand({}))).Trails).toEqual([]);
    });
  });

  describe("GetTrailStatus", () => {
    it("a logging trail: IsLogging, when it started, its latest delivery (every five minutes) and digest", async () => {
      const h = await open(freshWorld("healthy"));
      const t = trailOf(h);
      const out = await ct(h).send(new GetTrailStatusCommand({ Name: t.Name }));
      expect(out.IsLogging).toBe(true);
      expect(out.StartLoggingTime?.getTime()).toBe(t.startLoggingTime);
      const now = h.clock.now();
      expect(now - out.LatestDeliveryTime!.getTime()).toBeLessThan(5 * 60_000);
      expect(now - out.LatestDigestDeliveryTime!.getTime()).toBeLessThan(60 * 60_000);
      expect(out.TimeLoggingStarted).toBe(new Date(t.startLoggingTime!).toISOString().replace(".000Z", "Z"));
      expect(out.TimeLoggingStopped).toBe("");
      expect(out.LatestDeliveryAttemptSucceeded).toBe(out.LatestDeliveryAttemptTime);
      expect(out.StopLoggingTime).toBeUndefined();
    });

    it("a stopped trail, and one whose deliveries fail", async () => {
      const world = freshWorld("healthy");
      const t = world.trails![0]!;
      t.isLogging = false;
      t.stopLoggingTime = world.clock.simAnchorMs - DURATIONS.connect;
      const h = await open(world);
      const stopped = await ct(h).send(new GetTrailStatusCommand({ Name: t.TrailARN }));
      expect(stopped.IsLogging).toBe(false);
      expect(stopped.StopLoggingTime?.getTime()).toBe(t.stopLoggingTime);
      expect(stopped.LatestDeliveryTime!.getTime()).toBeLessThanOrEqual(t.stopLoggingTime);
      h.world().trails![0]!.isLogging = true;
      h.world().trails![0]!.latestDeliveryError = "AccessDenied";
      const failing = await ct(h).send(new GetTrailStatusCommand({ Name: t.Name }));
      expect(failing.LatestDeliveryError).toBe("AccessDenied");
      expect(failing.LatestDeliveryAttemptSucceeded).toBe("");
    });

    it("an unknown trail is TrailNotFoundException; a malformed name InvalidTrailNameException", async () => {
      const h = await open(freshWorld("healthy"));
      await rejects(ct(h).send(new GetTrailStatusCommand({ Name: "no-such-trail" })), TrailNotFoundException);
      await rejects(ct(h).send(new GetTrailStatusCommand({ Name: "-bad" })), InvalidTrailNameException);
      await rejects(
        ct(h).send(new GetTrailStatusCommand({ Name: "arn:aws:kms:x" })),
        CloudTrailARNInvalidException,
      );
    });
  });

  describe("ListTrails", () => {
    it("lists every trail this Region shows, page by page", async () => {
      const world = freshWorld("healthy");
      for (let i = 0; i < LIST_TRAILS_PAGE + 10; i++)
        world.trails!.push(foreignTrail(world, `audit-${i}`, true));
      const h = await open(world);
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await ct(h).send(new ListTrailsCommand({ NextToken: token }));
        names.push(...out.Trails!.map((t) => t.Name!));
        token = out.NextToken;
        pages++;
      } while (token && pages < 10);
      expect(pages).toBe(2);
      expect(names).toEqual(world.trails!.map((t) => t.Name));
      const first = (await ct(h).send(new ListTrailsCommand({}))).Trails![0]!;
      expect(first).toEqual({
        TrailARN: trailOf(h).TrailARN,
        Name: "management-events",
        HomeRegion: world.region,
      });
    });

    it("a token ListTrails did not issue is a ValidationException", async () => {
      const h = await open(freshWorld("healthy"));
      await rejects(
        ct(h).send(new ListTrailsCommand({ NextToken: "bm90LWEtdG9rZW4" })),
        "ValidationException",
      );
    });
  });

  describe("GetEventSelectors", () => {
    it("the management trail logs every management event, read and write", async () => {
      const h = await open(freshWorld("healthy"));
      const out = await ct(h).send(new GetEventSelectorsCommand({ TrailName: "management-events" }));
      expect(out.TrailARN).toBe(trailOf(h).TrailARN);
      expect(out.EventSelectors).toEqual([
        {
          ReadWriteType: "All",
          IncludeManagementEvents: true,
          DataResources: [],
          ExcludeManagementEventSources: [],
        },
      ]);
      expect(out.AdvancedEventSelectors).toBeUndefined();
    });

    it("a trail with advanced selectors shows those (and DescribeTrails calls them custom); an unknown trail is TrailNotFoundException", async () => {
      const world = freshWorld("healthy");
      const t = world.trails![0]!;
      delete t.eventSelectors;
      t.advancedEventSelectors = [
        {
          Name: "KMS writes only",
          FieldSelectors: [
            { Field: "eventCategory", Equals: ["Management"] },
            { Field: "readOnly", Equals: ["false"] },
          ],
        },
      ];
      const h = await open(world);
      const out = await ct(h).send(new GetEventSelectorsCommand({ TrailName: t.TrailARN }));
      expect(out.AdvancedEventSelectors).toEqual(t.advancedEventSelectors);
      expect(out.EventSelectors).toBeUndefined();
      expect((await ct(h).send(new DescribeTrailsCommand({}))).trailList![0]!.HasCustomEventSelectors).toBe(
        true,
      );
      await rejects(
        ct(h).send(new GetEventSelectorsCommand({ TrailName: "nope-trail" })),
        TrailNotFoundException,
      );
    });
  });
});
