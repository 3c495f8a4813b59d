"""Orphaned resources for `idp-ttl orphans --clean`'s tests, in an account of their own on the moto
server (STS AssumeRole into a fresh account: a sweep there can never reach another test's resources).

  orphan_setup.py setup MOTO_URL NOW ENV LIVE YOUNG
      ENV: one environment's resources as the templates make and tag them (ECS cluster, service and
      task definition; load balancer, listener, target group; three security groups referring to
      one another; database and its subnet group; alarm, log group, topic, secret; the two roles and
      the schedule rule, which the Tagging API does not list), three days old at NOW. LIVE: a cluster
      of an environment with a record. YOUNG: a cluster an hour old. Plus the platform's own security
      group (idp:component=platform) and a role named like ENV's but tagged as another's.
      Prints JSON {"env": {AWS_* of the account}}.
  orphan_setup.py left MOTO_URL ENVJSON ENV LIVE YOUNG
      Prints JSON: which of those resources still exist, by a name per resource.
"""
import json
import random
import sys
from datetime import datetime, timedelta

import boto3

mode, moto_url = sys.argv[1], sys.argv[2]
base = {"endpoint_url": moto_url, "region_name": "us-east-1"}


def clients(keys):
    return {name: boto3.client(name, **base, **keys) for name in ("ecs", "elbv2", "ec2", "rds", "cloudwatch", "logs", "sns", "secretsmanager", "iam", "events")}


if mode == "setup":
    now, env, live, young = datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00")), sys.argv[4], sys.argv[5], sys.argv[6]
    account = "".join(random.choice("0123456789") for _ in range(12))
    sts = boto3.client("sts", aws_access_key_id="testing", aws_secret_access_key="testing", **base)
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/orphans-test", RoleSessionName="orphans")["Credentials"]
    keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
    c = clients(keys)

    def tags(name, age=timedelta(days=3)):
        return {"idp:managed": "true", "idp:environment": name, "idp:repository": "acme/shop", "idp:template": "api-database",
                "idp:created-at": (now - age).strftime("%Y-%m-%dT%H:%M:%SZ")}

    def kv(d, key="Key", value="Value"):
        return [{key: k, value: v} for k, v in d.items()]

    t = tags(env)
    c["ecs"].create_cluster(clusterName=f"{env}-cluster", tags=kv(t, "key", "value"))
    definition = c["ecs"].register_task_definition(family=env, containerDefinitions=[{"name": "app", "image": "nginx", "memory": 512}],
                                                   tags=kv(t, "key", "value"))["taskDefinition"]["taskDefinitionArn"]
    c["ecs"].create_service(cluster=f"{env}-cluster", serviceName=env, taskDefinition=definition, desiredCount=1, tags=kv(t, "key", "value"))
    vpc = c["ec2"].describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in c["ec2"].describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]][:2]
    groups = {}
    for role in ("alb", "tasks", "db"):
        groups[role] = c["ec2"].create_security_group(GroupName=f"{env}-{role}", Description=role, VpcId=vpc,
                                                      TagSpecifications=[{"ResourceType": "security-group", "Tags": kv(t)}])["GroupId"]
    for inner, outer, port in (("tasks", "alb", 80), ("db", "tasks", 5432)):
        c["ec2"].authorize_security_group_ingress(GroupId=groups[inner], IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                                                                                         "UserIdGroupPairs": [{"GroupId": groups[outer]}]}])
    lb = c["elbv2"].create_load_balancer(Name=f"{env}-alb", Subnets=subnets, SecurityGroups=[groups["alb"]], Tags=kv(t))["LoadBalancers"][0]["LoadBalancerArn"]
    tg = c["elbv2"].create_target_group(Name=f"{env}-tg", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip", Tags=kv(t))["TargetGroups"][0]["TargetGroupArn"]
    c["elbv2"].create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}], Tags=kv(t))
    c["rds"].create_db_subnet_group(DBSubnetGroupName=f"{env}-db", DBSubnetGroupDescription="db", SubnetIds=subnets, Tags=kv(t))
    c["rds"].create_db_instance(DBInstanceIdentifier=f"{env}-db", DBInstanceClass="db.t4g.micro", Engine="postgres", AllocatedStorage=20,
                                MasterUsername="app", MasterUserPassword="not-a-secret-1", DBSubnetGroupName=f"{env}-db",
                                VpcSecurityGroupIds=[groups["db"]], Tags=kv(t))
    c["cloudwatch"].put_metric_alarm(AlarmName=f"{env}-cpu", MetricName="CPUUtilization", Namespace="AWS/ECS", Statistic="Average", Period=60,
                                     EvaluationPeriods=1, Threshold=90, ComparisonOperator="GreaterThanThreshold", Tags=kv(t))
    c["logs"].create_log_group(logGroupName=f"/idp/{env}", tags=t)
    c["sns"].create_topic(Name=f"{env}-alarms", Tags=kv(t))
    c["secretsmanager"].create_secret(Name=f"idp-{env}/db", SecretString="x", Tags=kv(t))
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    c["iam"].create_role(RoleName=f"{env}-execution", Path="/idp/", AssumeRolePolicyDocument=trust, Tags=kv(t))
    logs_policy = c["iam"].create_policy(PolicyName=f"{env}-logs", Path="/idp/", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}]}))["Policy"]["Arn"]
    c["iam"].attach_role_policy(RoleName=f"{env}-execution", PolicyArn=logs_policy)
    c["iam"].create_role(RoleName=f"{env}-task", Path="/idp/", AssumeRolePolicyDocument=trust, Tags=kv(t))
    c["iam"].put_role_policy(RoleName=f"{env}-task", PolicyName="app", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
    c["events"].put_rule(Name=f"{env}-schedule", ScheduleExpression="rate(1 hour)", Tags=kv(t))
    c["events"].put_targets(Rule=f"{env}-schedule", Targets=[{"Id": "task", "Arn": f"arn:aws:ecs:us-east-1:{account}:cluster/{env}-cluster"}])
    # Not ENV's: a live environment's cluster, a young one, the platform's own group, a role named
    # like ENV's schedule but tagged as someone else's.
    c["ecs"].create_cluster(clusterName=f"{live}-cluster", tags=kv(tags(live), "key", "value"))
    c["ecs"].create_cluster(clusterName=f"{young}-cluster", tags=kv(tags(young, timedelta(hours=1)), "key", "value"))
    c["ec2"].create_security_group(GroupName="idp-shared-alb", Description="platform", VpcId=vpc, TagSpecifications=[
        {"ResourceType": "security-group", "Tags": kv({"idp:managed": "true", "idp:component": "platform", "idp:environment": env})}])
    c["iam"].create_role(RoleName=f"{env}-schedule", AssumeRolePolicyDocument=trust, Tags=kv(tags("preview-someone-else")))
    print(json.dumps({"env": {"AWS_ACCESS_KEY_ID": creds["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"],
                              "AWS_SESSION_TOKEN": creds["SessionToken"], "AWS_ENDPOINT_URL": moto_url, "AWS_REGION": "us-east-1",
                              "AWS_MAX_ATTEMPTS": "2"}}))
else:
    env_json, env, live, young = json.loads(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
    c = clients({"aws_access_key_id": env_json["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": env_json["AWS_SECRET_ACCESS_KEY"],
                 "aws_session_token": env_json["AWS_SESSION_TOKEN"]})
    left = []
    clusters = c["ecs"].describe_clusters(clusters=[f"{n}-cluster" for n in (env, live, young)])["clusters"]
    left += [x["clusterName"] for x in clusters if x.get("status") == "ACTIVE"]
    services = c["ecs"].list_services(cluster=f"{live}-cluster")["serviceArns"]  # (ENV's cluster is gone with its services, or not)
    try:
        left += [s["serviceName"] for s in c["ecs"].describe_services(cluster=f"{env}-cluster", services=[env])["services"] if s["status"] == "ACTIVE"]
    except Exception:  # noqa: BLE001 - no cluster, no service
        pass
    left += [d.split("/")[-1] for d in c["ecs"].list_task_definitions(familyPrefix=env)["taskDefinitionArns"]]
    left += [lb["LoadBalancerName"] for lb in c["elbv2"].describe_load_balancers()["LoadBalancers"]]
    left += [tg["TargetGroupName"] for tg in c["elbv2"].describe_target_groups()["TargetGroups"]]
    left += [g["GroupName"] for g in c["ec2"].describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"]
    left += [d["DBInstanceIdentifier"] for d in c["rds"].describe_db_instances()["DBInstances"]]
    left += ["subnet-group:" + g["DBSubnetGroupName"] for g in c["rds"].describe_db_subnet_groups()["DBSubnetGroups"] if g["DBSubnetGroupName"] != "default"]
    left += [a["AlarmName"] for a in c["cloudwatch"].describe_alarms()["MetricAlarms"]]
    left += [g["logGroupName"] for g in c["logs"].describe_log_groups()["logGroups"]]
    left += [t["TopicArn"].split(":")[-1] for t in c["sns"].list_topics()["Topics"]]
    left += [s["Name"] for s in c["secretsmanager"].list_secrets()["SecretList"]]
    left += [r["RoleName"] for r in c["iam"].list_roles()["Roles"] if r["RoleName"] != "orphans-test"]
    left += ["rule:" + r["Name"] for r in c["events"].list_rules()["Rules"]]
    print(json.dumps(sorted(left)))
