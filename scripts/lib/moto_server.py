"""moto's server, with the two CloudWatch actions moto 5 leaves unimplemented (it raises
NotImplementedError) filled in as CloudWatch documents them: DisableAlarmActions and
EnableAlarmActions set ActionsEnabled on each named alarm, skip names that do not exist, and answer
with no result. idp-ttl sleep silences an environment's alarms with them. Everything else is moto.

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

sys.exit(main())
