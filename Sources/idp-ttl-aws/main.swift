import IDPRuntime
import IDPTools

ToolMain.main(TTLStoreTool.command)
