import IDPRuntime
import IDPTools

ToolMain.main(TFVarsTool.command)
