/** DNS suffixes of an AWS partition (from the AWS SDKs' partitions.json). */
export interface Partition {
  id: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
}

const PARTITIONS: Array<Partition & { regionRegex: RegExp }> = [
  { id: "aws", regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
  { id: "aws-cn", regionRegex: /^cn-\w+-\d+$/, dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn" },
  { id: "aws-us-gov", regionRegex: /^us-gov-\w+-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
  { id: "aws-eusc", regionRegex: /^eusc-(de)-\w+-\d+$/, dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu" },
  { id: "aws-iso", regionRegex: /^us-iso-\w+-\d+$/, dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov" },
  { id: "aws-iso-b", regionRegex: /^us-isob-\w+-\d+$/, dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud" },
  { id: "aws-iso-e", regionRegex: /^eu-isoe-\w+-\d+$/, dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk" },
  { id: "aws-iso-f", regionRegex: /^us-isof-\w+-\d+$/, dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov" },
];

/** The partition a region belongs to; unknown regions fall back to `aws`, as in the AWS SDKs. */
export function partitionOf(region: string): Partition {
  const match = PARTITIONS.find((p) => p.regionRegex.test(region)) ?? PARTITIONS[0]!;
  return { id: match.id, dnsSuffix: match.dnsSuffix, dualStackDnsSuffix: match.dualStackDnsSuffix };
}
