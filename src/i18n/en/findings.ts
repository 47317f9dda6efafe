/**
 * What a finding says: its title (by code, as src/diagnose/catalog.ts lists them) and the detail
 * sentences the diagnosers write. Only `title` and `detail` of the JSON report follow the language:
 * evidence and codes never come from here.
 */
export const findings = {
  title: {
    STORE_DISCONNECTED: "The custom key store is disconnected: every KMS key in it is Unavailable",
    CONNECTION_IN_PROGRESS: "The custom key store is connecting or disconnecting",
    INVALID_CREDENTIALS: "KMS cannot log in as kmsuser: the store's kmsuser password is wrong",
    USER_LOCKED_OUT: "kmsuser is locked out of the cluster after too many failed logins",
    USER_NOT_FOUND: "The cluster has no kmsuser crypto user",
    USER_LOGGED_IN: "kmsuser is logged in to the cluster, so KMS cannot connect",
    CLUSTER_NOT_FOUND: "The store's CloudHSM cluster is deleted or missing",
    NO_ACTIVE_HSMS: "The store's cluster has no active HSM",
    INSUFFICIENT_HSMS:
      "Fewer than two active HSMs in different Availability Zones: creating KMS keys will fail",
    NETWORK_ERRORS: "KMS cannot reach the cluster over the network",
    SUBNET_NOT_FOUND: "A subnet of the cluster no longer exists",
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: "A subnet of the cluster has no free IP address for KMS",
    INTERNAL_ERROR: "The connection failed with a KMS internal error",
    CONNECTION_FAILED: "The connection failed for a reason KMS did not name",
    XKS_PROXY_ACCESS_DENIED: "The XKS proxy's authorization rules refuse KMS",
    XKS_PROXY_INVALID_CONFIGURATION:
      "The external key store's proxy configuration is wrong (typically its URI path)",
    XKS_PROXY_INVALID_RESPONSE: "The XKS proxy answered something KMS cannot use",
    XKS_PROXY_INVALID_TLS_CONFIGURATION:
      "KMS cannot establish TLS with the XKS proxy (version, certificate expiry, name or issuing CA)",
    XKS_PROXY_NOT_REACHABLE: "KMS cannot reach the XKS proxy, or every external key manager is unavailable",
    XKS_PROXY_TIMED_OUT: "The XKS proxy answers slower than KMS's 250 ms limit",
    XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
      "The XKS proxy's VPC endpoint service does not meet KMS's requirements",
    XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: "KMS cannot find the XKS proxy's VPC endpoint service",
    XKS_PROXY_DEGRADED: "Some external key managers behind the XKS proxy are degraded or unavailable",
    XKS_KEY_UNUSABLE:
      "The external key behind a KMS key is missing, disabled or not an AES-256 encrypt/decrypt key",
    KEY_MATERIAL_MISSING: "KMS keys in a connected store have lost their backing keys on the cluster",
    ORPHANED_KEY_MATERIAL: "A deleted KMS key left its key material on the cluster",
    PENDING_DELETION_KEYS: "KMS keys are pending deletion in a store that is not connected",
    DIAGNOSER_FAILED: "A check crashed: its part of the diagnosis is missing",
  },
  /** INVALID_CREDENTIALS on an external key store: the credential is the proxy's, not kmsuser's. */
  proxyCredentialTitle: "The XKS proxy rejected KMS's proxy authentication credential",
  detail: {
    /** Between two details of one finding that two checks wrote. */
    nextSentence: " ",
    diagnoserFailed: "The {{name}} check crashed ({{message}}); the rest of the diagnosis is still valid.",
    disconnected:
      "{{name}} is DISCONNECTED: {{unavailable}} of its {{total}} KMS keys are Unavailable until it is connected again.",
    inProgress: "{{name}} is {{state}}; a connect can take up to 20 minutes. Check again before acting.",
    failedWithCode:
      "The last connect of {{name}} FAILED with ConnectionErrorCode {{code}}; {{unavailable}} of its {{total}} KMS keys are Unavailable. A FAILED store must be disconnected before it can connect again.",
    failedWithoutCode:
      "The last connect of {{name}} FAILED without a ConnectionErrorCode; {{unavailable}} of its {{total}} KMS keys are Unavailable. A FAILED store must be disconnected before it can connect again.",
    unknownState: "{{name}} reports a ConnectionState kcs does not know: {{state}}.",
    clusterGone:
      "Cluster {{clusterId}} is {{state}}. The store cannot connect until it is associated with a cluster restored from a backup of this one.",
    clusterAbsent:
      "Cluster {{clusterId}} is not returned by DescribeClusters. The store cannot connect until it is associated with a cluster restored from a backup of this one.",
    noHsms: "Cluster {{clusterId}} has no HSMs: KMS needs at least one to connect and to use any key.",
    noActiveHsm:
      "Cluster {{clusterId}} has no ACTIVE HSM: KMS needs at least one to connect and to use any key.",
    insufficientHsms_one:
      "Cluster {{clusterId}} has {{count}} active HSM, all in {{az}}: KMS needs two in different Availability Zones to create keys, and one AZ outage makes every key unusable.",
    insufficientHsms_other:
      "Cluster {{clusterId}} has {{count}} active HSMs, all in {{az}}: KMS needs two in different Availability Zones to create keys, and one AZ outage makes every key unusable.",
    probeFailed:
      "The store says CONNECTED, but {{operation}} against it failed ({{code}}: {{message}}). Check the cluster's security group (TCP 2223-2225 to itself) and network ACLs.",
    missingMaterial_one:
      "{{count}} KMS key has no backing key on the cluster although the store is CONNECTED.{{probed}} Data encrypted under it cannot be decrypted until the material is restored from a backup.",
    missingMaterial_other:
      "{{count}} KMS keys have no backing key on the cluster although the store is CONNECTED.{{probed}} Data encrypted under them cannot be decrypted until the material is restored from a backup.",
    stillEnabled_one:
      " {{count}} of them still read Enabled, but Encrypt with it fails (KMS shows a lost backing key as Unavailable only after a while).",
    stillEnabled_other:
      " {{count}} of them still read Enabled, but Encrypt with them fails (KMS shows a lost backing key as Unavailable only after a while).",
    pendingDeletion_one:
      "{{count}} KMS key is pending deletion. If the waiting period ends while the store is not connected, KMS cannot delete the backing keys and they are orphaned. CancelKeyDeletion works without reconnecting.",
    pendingDeletion_other:
      "{{count}} KMS keys are pending deletion. If the waiting period ends while the store is not connected, KMS cannot delete the backing keys and they are orphaned. CancelKeyDeletion works without reconnecting.",
    orphan:
      "KMS deleted {{keyArn}} on {{eventTime}} but could not delete its backing key {{backingKeyId}}{{handle}} from the cluster. The material is orphaned: it counts toward the cluster's key quota until someone deletes it as kmsuser.",
    orphanHandle: " (key handle {{keyHandle}})",
    subnetsAllExist:
      "Every subnet of the cluster exists now (DescribeSubnets): one was probably deleted and re-created, or the failure is stale.",
    subnetsMissing_one:
      "EC2 no longer has subnet {{subnets}} of cluster {{clusterId}}. A cluster's subnets cannot change: the store needs a cluster restored from a backup into subnets that exist.",
    subnetsMissing_other:
      "EC2 no longer has subnets {{subnets}} of cluster {{clusterId}}. A cluster's subnets cannot change: the store needs a cluster restored from a backup into subnets that exist.",
    subnetsHaveRoom:
      "Every subnet of the cluster has a free IP address now (DescribeSubnets): a reconnect may succeed, as long as nothing takes them first.",
    subnetFull: "Subnet {{subnetId}} ({{where}}) has {{free}} free IP addresses",
    subnetsFull:
      "{{subnets}}: KMS puts a network interface in each of the cluster's subnets and needs one free address in each. Free addresses there, or restore the cluster into subnets with room.",
    securityGroupAbsent:
      "The cluster's security group {{groupId}} no longer exists (DescribeSecurityGroups): KMS cannot reach the HSMs without it.",
    securityGroupFine:
      "Security group {{group}} allows TCP 2223-2225 to itself in and out, as KMS needs: the failure was transient, or is outside the group (network ACLs, a firewall).",
    securityGroupLacks_one:
      "Security group {{group}} lacks {{rules}}: KMS cannot reach the HSMs until that rule is back. A reconnect fails until then.",
    securityGroupLacks_other:
      "Security group {{group}} lacks {{rules}}: KMS cannot reach the HSMs until those rules are back. A reconnect fails until then.",
    /** Joins the missing rules of a security group. */
    and: " and ",
    xksDisconnected:
      "{{name}} is DISCONNECTED: {{unavailable}} of its {{total}} KMS keys are Unavailable until it is connected again; KMS does not call its XKS proxy while it is.",
    xksInProgress: "{{name}} is {{state}}; KMS is checking its XKS proxy. Check again before acting.",
    xksFailedWithCode:
      "The last connect of {{name}} FAILED with ConnectionErrorCode {{code}}; {{unavailable}} of its {{total}} KMS keys are Unavailable. {{cause}} A FAILED store must be disconnected before it can connect again.",
    xksFailedWithoutCode:
      "The last connect of {{name}} FAILED without a ConnectionErrorCode; {{unavailable}} of its {{total}} KMS keys are Unavailable. {{cause}} A FAILED store must be disconnected before it can connect again.",
    xksUnknownCause:
      "Disconnect it, check the proxy's endpoint, path, credential and health, then connect again.",
    xksNotReachable:
      "kcs could not reach the XKS proxy at {{where}} ({{operation}}: {{message}}). {{cause}}{{vpc}}",
    xksNoAnswer: "no answer",
    xksNoEndpoint: "(no endpoint)",
    xksVpcOnly:
      " The store uses VPC endpoint service connectivity: its endpoint answers only inside the VPC, so a probe from outside cannot reach it either way.",
    xksTimedOut:
      "The XKS proxy at {{where}} {{how}} to {{operation}}; KMS gives up after {{limit}} ms. {{cause}}",
    xksNoAnswerWithin: "gave no answer within {{ms}} ms",
    xksTook: "took {{ms}} ms",
    xksAllManagersUnavailable:
      "The XKS proxy at {{where}} answers, but reports every external key manager UNAVAILABLE ({{total}} of {{total}}): KMS treats that as a proxy it cannot reach. Check the external key managers behind the proxy.",
    xksDegraded:
      "{{count}} of the {{total}} external key managers behind the XKS proxy at {{where}} report {{statuses}}: {{ids}}. KMS still works through the others, with less capacity and redundancy; check those key managers.",
    /** Joins health statuses ("DEGRADED or UNAVAILABLE"). */
    or: " or ",
    xksKeyUnusable_one:
      "{{count}} KMS key's external key is unusable: {{keys}}. KMS cannot encrypt or decrypt with that key: enable the external key in the external key manager, or check that it is an AES-256 key allowed to ENCRYPT and DECRYPT.",
    xksKeyUnusable_other:
      "{{count}} KMS keys' external keys are unusable: {{keys}}. KMS cannot encrypt or decrypt with those keys: enable the external key in the external key manager, or check that it is an AES-256 key allowed to ENCRYPT and DECRYPT.",
  },
  /** Why an external key is unusable, as a detail says it (the evidence keeps the English). */
  keyProblem: {
    notFound: "not found on the proxy",
    status: "is {{status}}, not ENABLED",
    unknownStatus: "is of unknown status, not ENABLED",
    spec: "is {{spec}}, not AES_256",
    unknownSpec: "is of unknown spec, not AES_256",
    cannot: "cannot {{uses}}",
  },
  /** The documented cause of each FAILED code on an external store and what to check (xks-troubleshooting). */
  xksCause: {
    INVALID_CREDENTIALS:
      "The proxy rejected the proxy authentication credential KMS signs with (access key id and secret access key). Make the store's XksProxyAuthenticationCredential match what the proxy expects (UpdateCustomKeyStore while disconnected); a reverse proxy that rewrites headers also breaks the SigV4 signature.",
    XKS_PROXY_ACCESS_DENIED:
      "The proxy's own authorization rules refuse KMS. Allow KMS (and this store) in the proxy's authorization configuration.",
    XKS_PROXY_INVALID_CONFIGURATION:
      "The proxy configuration is wrong, most often the XksProxyUriPath: it must be the prefix the proxy serves /kms/xks/v1 under. Check the path against the proxy's documentation.",
    XKS_PROXY_INVALID_RESPONSE:
      "The proxy answered something KMS cannot use. If it repeats, it is a proxy problem: report it to the proxy's vendor.",
    XKS_PROXY_INVALID_TLS_CONFIGURATION:
      "KMS could not establish TLS with the proxy. Check that it speaks TLS 1.2 or 1.3, that its certificate has not expired, that the certificate's name matches the XksProxyUriEndpoint (or the endpoint service's private DNS name with VPC connectivity), and that a CA on KMS's trusted list issued it.",
    XKS_PROXY_NOT_REACHABLE:
      "KMS cannot reach the proxy, or the proxy reports every external key manager UNAVAILABLE. Check the URI endpoint and path, that the proxy listens on port 443 and is running, its round-trip time, and the health of its external key managers.",
    XKS_PROXY_TIMED_OUT:
      "The proxy is reachable but answered slower than KMS's 250 ms limit. If it repeats, check the proxy's and key managers' load and network path, and tell the proxy's vendor.",
    XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
      "The VPC endpoint service does not meet KMS's requirements: it must be an interface endpoint service in this account with a network load balancer in subnets of at least two Availability Zones, allow the principal cks.kms.<region>.amazonaws.com, not require acceptance, and have a unique, verified private DNS name matching the proxy's TLS certificate.",
    XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
      "KMS cannot find the VPC endpoint service: check the XksProxyVpcEndpointServiceName and Region, and that the service allows the principal cks.kms.<region>.amazonaws.com.",
    NETWORK_ERRORS:
      "Usually a transient network problem between KMS and the proxy: disconnect, wait a few minutes and connect again.",
    INTERNAL_ERROR: "A KMS internal error: disconnect the store, then connect it again.",
  },
} as const;
