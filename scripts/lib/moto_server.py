"""moto's server, mended where it differs from AWS in what the tools use:
- the two CloudWatch actions moto 5 leaves unimplemented (it raises NotImplementedError), filled in
  as CloudWatch documents them: DisableAlarmActions and EnableAlarmActions set ActionsEnabled on each
  named alarm, skip names that do not exist, and answer with no result (idp-ttl sleep);
- the Tagging API's GetResources, which fails on an untagged ECS cluster (idp-ttl orphans).
Everything else is moto.

Usage: python3 scripts/lib/moto_server.py [moto.server arguments]
"""
import sys

from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import EmptyResult
from moto.server import main


def alarm_actions(enabled):
    def action(self):
        for name in self._get_param("AlarmNames", []):
            alarm = self.cloudwatch_backend.alarms.get(name)
            if alarm is not None:
                alarm.actions_enabled = enabled
        return EmptyResult()
    return action


for name, enabled in (("disable_alarm_actions", False), ("enable_alarm_actions", True)):
    try:
        getattr(CloudWatchResponse, name)(None)
    except NotImplementedError:
        setattr(CloudWatchResponse, name, alarm_actions(enabled))
    except Exception:  # noqa: BLE001 - implemented by this moto: it needs a real request, and is kept
        pass

# moto 5's Tagging API fails (TypeError, HTTP 500) on an ECS cluster or service created without
# tags, where AWS simply lists it with none: such resources start with an empty tag list.
try:
    from moto.ecs import models as ecs_models

    def with_empty_tags(cls):
        original = cls.__init__

        def init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            if getattr(self, "tags", None) is None:
                self.tags = []
        cls.__init__ = init

    for name in ("Cluster", "Service"):
        if hasattr(ecs_models, name):
            with_empty_tags(getattr(ecs_models, name))
except ImportError:  # another moto: nothing to mend
    pass

sys.exit(main())
