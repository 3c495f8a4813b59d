import IDPRuntime
import IDPTools

ToolMain.main(TTLTool.command)
